// Retransmission cache (RFC 5080 §2.2.2; spec: other-frontends.md §1): the answer to a request is
// kept for a short time under (source address, port, identifier, request authenticator), so a
// retransmission gets the same bytes and never runs the authentication, the lockout or a push twice.
// A retransmission that arrives while the first is still being decided waits for the same answer.
// Entries live in generations of a quarter of the lifetime, dropped whole: each entry lives at least
// the lifetime and at most a quarter more, and no per-entry expiry work runs on the hot path.

export type Answer = Buffer | undefined;

/**
 * While the answer is computed, its promise; once known, its bytes as a one-byte string (compact and
 * outside the buffer pool: a pooled slice would keep a whole 8 KiB pool chunk alive), or null for none.
 * Stored as the Map's value itself: no object per entry (tens of thousands live at a time).
 */
type Entry = Promise<Answer> | string | null;

interface Generation { readonly opened: number; readonly entries: Map<string, Entry> }

const GENERATIONS = 4;
/** Room for an address (IPv6 with a zone), port, identifier and the 16-byte authenticator. */
const KEY_SCRATCH = Buffer.allocUnsafe(256);

const settled = (answer: Answer): string | null => (answer === undefined ? null : answer.toString('latin1'));
const revived = (value: string | null | undefined): Answer => (typeof value === 'string' ? Buffer.from(value, 'latin1') : undefined);

export class ReplyCache {
  /** Newest first. */
  private generations: Generation[] = [];
  private readonly span: number;

  /** `now` is a monotonic millisecond clock (not the QA-settable wall clock). */
  constructor(private readonly ttlMs: number, private readonly maxEntries: number, private readonly now: () => number) {
    this.span = Math.max(1, ttlMs / GENERATIONS);
  }

  /**
   * One flat string (not a concatenation of parts), as Map keys stay for the whole lifetime: written into
   * a reused buffer, then read back once (no Buffer per request).
   */
  static key(address: string, port: number, identifier: number, authenticator: Buffer): string {
    const head = KEY_SCRATCH.write(`${address}|${port}|${identifier}|`, 0, KEY_SCRATCH.length - 16, 'latin1');
    authenticator.copy(KEY_SCRATCH, head, 0, 16);
    return KEY_SCRATCH.toString('latin1', 0, head + Math.min(16, authenticator.length));
  }

  get size(): number { return this.generations.reduce((n, g) => n + g.entries.size, 0); }

  get(key: string): Promise<Answer> | undefined {
    this.expire();
    for (const g of this.generations) {
      const e = g.entries.get(key);
      if (e !== undefined) return typeof e === 'object' && e !== null ? e : Promise.resolve(revived(e));
    }
    return undefined;
  }

  /** Remembers the answer being computed; when full, the oldest generation goes first. */
  put(key: string, answer: Promise<Answer>): void {
    if (this.ttlMs <= 0) return;
    this.expire();
    while (this.generations.length > 0 && this.size >= this.maxEntries) this.generations.pop();
    let current = this.generations[0];
    if (!current || this.now() - current.opened >= this.span) {
      current = { opened: this.now(), entries: new Map() };
      this.generations.unshift(current);
    }
    const { entries } = current;
    entries.set(key, answer);
    answer.then((a) => { if (entries.get(key) === answer) entries.set(key, settled(a)); }, () => undefined);
  }

  /** Drops an entry, so that a retransmission of a request that failed inside is tried again. */
  forget(key: string): void { for (const g of this.generations) g.entries.delete(key); }

  clear(): void { this.generations = []; }

  /** Drops generations whose newest possible entry is older than the lifetime. */
  private expire(): void {
    const now = this.now();
    while (this.generations.length > 0 && now - this.generations[this.generations.length - 1]!.opened >= this.ttlMs + this.span) this.generations.pop();
  }
}
