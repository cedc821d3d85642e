// Held push calls (spec: flows.md §6; docs/soap-api.md "Push"): one registry per process, key → resolvers, and
// ONE shared timer, running only while someone waits, that reads the state of every waited key in one
// store query (so an answer recorded by another node releases the call) and ends calls whose deadline
// (injected clock, or the same lifetime in real time) passed. An answer recorded by this process wakes
// its waiters at once.
import type { Clock, PendingRecord, PendingStore, PushWaiter, WaitEnd } from '../engine/ports.js';

/** `deadline` on the injected clock; `realDeadline` the same lifetime in real elapsed time. */
interface Entry { readonly deadline: number; readonly realDeadline: number; readonly done: (end: WaitEnd) => void }

export interface PushWaiterOptions {
  readonly pending: PendingStore;
  readonly clock: Clock;
  /** Period of the shared poll, milliseconds (default 250). */
  readonly pollMs?: number;
  /** Called with a poll's error; the poll goes on at the next tick. */
  readonly onError?: (err: unknown) => void;
  /** Real elapsed milliseconds (default performance.now): a held call also ends once its lifetime passed in real time. */
  readonly monotonic?: () => number;
}

export interface PushWaiterHandle extends PushWaiter {
  /** Calls waiting now. */
  readonly size: number;
  /** Releases every waiter with `closed` and stops the timer (shutdown); later waits answer `closed` at once. */
  close(): void;
}

const decided = (r: PendingRecord): boolean => r.state !== 'open' && r.state !== 'fetched';

class WaiterRegistry implements PushWaiterHandle {
  private readonly waiters = new Map<string, Set<Entry>>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private closed = false;
  private count = 0;

  private readonly monotonic: () => number;

  constructor(private readonly opts: PushWaiterOptions) {
    this.monotonic = opts.monotonic ?? (() => performance.now());
  }

  get size(): number { return this.count; }

  wait(key: string, deadline: number): Promise<WaitEnd> {
    if (this.closed) return Promise.resolve('closed');
    return new Promise<WaitEnd>((done) => {
      const set = this.waiters.get(key) ?? new Set<Entry>();
      this.waiters.set(key, set);
      const realDeadline = this.monotonic() + Math.max(0, deadline - this.opts.clock.now());
      set.add({ deadline, realDeadline, done });
      this.count++;
      if (!this.timer) {
        this.timer = setInterval(() => this.onTimer(), this.opts.pollMs ?? 250);
        this.timer.unref();
      }
    });
  }

  wake(key: string): void {
    const set = this.waiters.get(key);
    if (!set) return;
    this.waiters.delete(key);
    this.count -= set.size;
    for (const e of set) e.done(this.closed ? 'closed' : 'released');
  }

  close(): void {
    this.closed = true;
    this.stop();
    for (const key of [...this.waiters.keys()]) this.wake(key);
  }

  private onTimer(): void {
    if (this.polling) return;
    this.polling = true;
    this.tick().catch((err: unknown) => this.opts.onError?.(err)).finally(() => { this.polling = false; });
  }

  /** Ends the waits past their deadline, then releases every key the store says was answered. */
  private async tick(): Promise<void> {
    this.expire(this.opts.clock.now(), this.monotonic());
    if (this.waiters.size === 0) return this.stop();
    const keys = [...this.waiters.keys()];
    const found = new Map((await this.readStates(keys)).map((r) => [r.key, r]));
    for (const key of keys) {
      const r = found.get(key);
      if (!r || decided(r)) this.wake(key);
    }
  }

  /**
   * Ends the waits whose deadline passed on the injected clock or in real time: a frozen or slowed QA
   * clock (COUNTERSIGN_CLOCK) must not hold a call forever.
   */
  private expire(now: number, real: number): void {
    for (const [key, set] of [...this.waiters]) {
      for (const e of [...set]) {
        if (now < e.deadline && real < e.realDeadline) continue;
        set.delete(e);
        this.count--;
        e.done('expired');
      }
      if (set.size === 0) this.waiters.delete(key);
    }
  }

  private async readStates(keys: string[]): Promise<PendingRecord[]> {
    const { pending } = this.opts;
    if (pending.findMany) return pending.findMany(keys);
    return (await Promise.all(keys.map((k) => pending.find(k)))).filter((r): r is PendingRecord => r !== null);
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

export const createPushWaiter = (opts: PushWaiterOptions): PushWaiterHandle => new WaiterRegistry(opts);
