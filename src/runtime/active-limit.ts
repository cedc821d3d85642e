// How many requests the doors work on at once (COUNTERSIGN_MAX_ACTIVE): the others wait their turn
// in arrival order, holding only their received bytes. With many connections busy, working on all of
// their requests at once keeps every request's objects alive across several collections: V8 promotes
// them and collects the old generation again and again. Measured (CPU per authUser, interleaved):
// 16 at once took 25-27% less than no limit on 32 connections, 37-45% less on 128 and 512.

/**
 * [OURS] Requests worked on at once by default, SOAP and RADIUS together. One process works on one core;
 * past a dozen or two at once, more only keeps more requests' objects alive through collections. 4 lost
 * the group commit's batching; 32 and 64 did no better on 128-512 connections and worse on 32.
 */
export const DEFAULT_MAX_ACTIVE = 16;

/** Gives the request's place back; calling it again does nothing. */
export type Leave = () => void;

export interface ActiveLimit {
  /** A place among the active requests, at once when one is free, else when the requests before it left. */
  enter(): Leave | Promise<Leave>;
  /** Requests being worked on, and waiting. */
  readonly active: number;
  readonly waiting: number;
}

/** `max` 0 = no limit. */
export function createActiveLimit(max: number): ActiveLimit {
  let active = 0;
  const queue: (() => void)[] = [];
  const leaver = (): Leave => {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = queue.shift();
      if (next) next();
      else active--;
    };
  };
  return {
    get active() { return active; },
    get waiting() { return queue.length; },
    enter() {
      if (max === 0 || active < max) { active++; return leaver(); }
      return new Promise((resolve) => queue.push(() => resolve(leaver())));
    },
  };
}
