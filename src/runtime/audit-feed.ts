// The live audit of this process (issue 21): the store tells the feed of every audit record once it is
// stored (OpenStoreOptions.onAudit), and the console's live view subscribes. Bounded everywhere: the
// last RECENT records are kept for a view that connects (or reconnects with Last-Event-ID), at most
// MAX_SUBSCRIBERS listen, and a listener that cannot keep up is dropped, never buffered without limit.
import type { AuditEntry } from '../engine/ports.js';

/** One published record and its sequence number in this process (the SSE event id). */
export interface FeedEvent { readonly seq: number; readonly entry: AuditEntry }

export interface FeedSubscriber {
  /** Called for each new record; answers false when the subscriber cannot take more (it is then dropped). */
  deliver(event: FeedEvent): boolean;
  /** The feed dropped this subscriber (too slow, or the feed closed). */
  dropped(reason: 'slow' | 'closed'): void;
}

export interface AuditFeed {
  publish(entry: AuditEntry): void;
  /** The kept records after `afterSeq` (all kept when absent), oldest first. */
  recent(afterSeq?: number): FeedEvent[];
  /** Undefined when MAX_SUBSCRIBERS already listen. */
  subscribe(s: FeedSubscriber): (() => void) | undefined;
  readonly subscribers: number;
  /** Drops every subscriber (drain on SIGTERM): their streams end. */
  close(): void;
}

export const RECENT = 200;
export const MAX_SUBSCRIBERS = 64;

export function createAuditFeed(opts: { recent?: number; maxSubscribers?: number } = {}): AuditFeed {
  const keep = opts.recent ?? RECENT;
  const max = opts.maxSubscribers ?? MAX_SUBSCRIBERS;
  const ring: FeedEvent[] = [];
  const listeners = new Set<FeedSubscriber>();
  let seq = 0;
  const drop = (s: FeedSubscriber, reason: 'slow' | 'closed') => {
    if (!listeners.delete(s)) return;
    try { s.dropped(reason); } catch { /* a broken subscriber must not break the writer of the audit */ }
  };
  return {
    publish(entry) {
      const event = { seq: ++seq, entry };
      ring.push(event);
      if (ring.length > keep) ring.shift();
      for (const s of [...listeners]) {
        let ok = false;
        try { ok = s.deliver(event); } catch { ok = false; }
        if (!ok) drop(s, 'slow');
      }
    },
    recent: (afterSeq) => (afterSeq === undefined ? [...ring] : ring.filter((e) => e.seq > afterSeq)),
    subscribe(s) {
      if (listeners.size >= max) return undefined;
      listeners.add(s);
      return () => { listeners.delete(s); };
    },
    get subscribers() { return listeners.size; },
    close() { for (const s of [...listeners]) drop(s, 'closed'); },
  };
}
