// Counters of the RADIUS door (spec: other-frontends.md §1, "Bad input" of the RADIUS issue): what
// came in, what was answered, and every reason a packet was dropped, so an operator sees it.

export const DROP_REASONS = [
  'too-short', 'bad-length', 'bad-attribute', 'unknown-client', 'unknown-code', 'missing-message-authenticator',
  'bad-message-authenticator', 'overload', 'internal-error',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export interface RadiusMetrics {
  received: number;
  accepts: number;
  rejects: number;
  challenges: number;
  statusServer: number;
  /** Retransmissions answered from the cache (or joined to the answer being computed). */
  retransmissions: number;
  /** Access-Requests refused for their content: missing or malformed attributes, CHAP, bad State. */
  malformedRequests: number;
  dropped: Record<DropReason, number>;
}

export function newMetrics(): RadiusMetrics {
  const dropped = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
  return { received: 0, accepts: 0, rejects: 0, challenges: 0, statusServer: 0, retransmissions: 0, malformedRequests: 0, dropped };
}

export const totalDropped = (m: RadiusMetrics): number => Object.values(m.dropped).reduce((a, b) => a + b, 0);
