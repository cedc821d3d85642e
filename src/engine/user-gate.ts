// One credential check at a time per user on this node (spec: flows.md §4 lockout): a burst of
// parallel wrong OTPs is verified one after another, each seeing the lock count the previous one left,
// so no more than the threshold are ever verified here. Node-local; across nodes the store's
// compare-and-set still counts every failure, and at most one check per other node overlaps.

export type Release = () => void;

export interface UserGate {
  /** Waits for the user's turn; the returned release (idempotent) lets the next request in. */
  acquire(key: string): Promise<Release>;
  /** Users with a request inside or waiting (for tests and metrics). */
  readonly busy: number;
}

export function createUserGate(): UserGate {
  const tails = new Map<string, Promise<void>>();
  return {
    get busy() { return tails.size; },
    async acquire(key) {
      const before = tails.get(key);
      let open!: () => void;
      const mine = new Promise<void>((resolve) => { open = resolve; });
      const tail = before ? before.then(() => mine) : mine;
      tails.set(key, tail);
      if (before) await before;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        open();
        if (tails.get(key) === tail) tails.delete(key);
      };
    },
  };
}

/** The gate key of a request's user: domain and user ID, case-insensitive as the store compares them. */
export const userGateKey = (domain: string, userId: string): string => `${domain.toLowerCase()}\u0000${userId.toLowerCase()}`;
