// One credential check at a time per user on this node (spec: flows.md §4 lockout): a burst of
// parallel wrong OTPs is verified one after another, each seeing the lock count the previous one left,
// so no more than the threshold are ever verified here. Node-local; across nodes the store's
// compare-and-set still counts every failure, and at most one check per other node overlaps.

export type Release = () => void;

export interface UserGate {
  /** Waits for the user's turn; the returned release (idempotent) lets the next request in. */
  acquire(key: string): Promise<Release>;
  /** The user's turn at once when nobody holds or awaits it (no promise, no wait); otherwise undefined. */
  tryAcquire(key: string): Release | undefined;
  /** Users with a request inside or waiting (for tests and metrics). */
  readonly busy: number;
}

export function createUserGate(): UserGate {
  /** Per user with a turn taken: who waits next, in arrival order (a key is absent when the turn is free). */
  const queues = new Map<string, (() => void)[]>();
  const releaser = (key: string): Release => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const waiting = queues.get(key)!;
      const next = waiting.shift();
      if (next) next();
      else queues.delete(key);
    };
  };
  const tryAcquire = (key: string): Release | undefined => {
    if (queues.has(key)) return undefined;
    queues.set(key, []);
    return releaser(key);
  };
  return {
    get busy() { return queues.size; },
    tryAcquire,
    acquire(key) {
      const now = tryAcquire(key);
      if (now) return Promise.resolve(now);
      return new Promise((resolve) => queues.get(key)!.push(() => resolve(releaser(key))));
    },
  };
}

/** The gate key of a request's user: domain and user ID, case-insensitive as the store compares them. */
export const userGateKey = (domain: string, userId: string): string => `${domain.toLowerCase()}\u0000${userId.toLowerCase()}`;
