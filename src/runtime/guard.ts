// The top-level guards' shared vocabulary (issue 16): what a guard caught (kinds, counted through one
// hook that metrics can connect to) and how a caught error is logged: name, code and the throwing
// frame only, never the message (V8 messages quote their input, e.g. JSON.parse's).

/** Every event a server's guard reports, by door. */
export const GUARD_KINDS = {
  http: [
    'handler-error', // the request handler threw or rejected: 500 (or closed when already answering)
    'bad-request', // the HTTP parser refused the request (bad request line, header, framing): 400 / 431
    'request-timeout', // headers or body not received within their timeouts: 408, closed
    'socket-error', // a request, response or socket stream failed (client reset, broken pipe)
    'idle-timeout', // a connection on which nothing moved for the idle or keep-alive timeout: closed
    'connection-refused', // COUNTERSIGN_HTTP_MAX_CONNECTIONS reached: the new connection is closed
    'source-connection-refused', // COUNTERSIGN_HTTP_MAX_CONNECTIONS_PER_SOURCE reached for its address
    'tls-error', // the TLS handshake failed
    'accept-error', // the listener could not accept a connection (e.g. out of descriptors)
  ],
  radius: [
    'handler-error', // the datagram handler threw or rejected: the packet is dropped
    'socket-error', // the UDP socket reported an error
  ],
} as const;

export type GuardDoor = keyof typeof GUARD_KINDS;
export type GuardKind<D extends GuardDoor = GuardDoor> = (typeof GUARD_KINDS)[D][number];

/** What a guard may log with: fixed tags, codes and counts, never request content. */
export interface GuardLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Called once per guarded event; a metrics counter labelled by door and kind connects here. */
export type GuardHook = (door: GuardDoor, kind: GuardKind) => void;

/** A hook that never throws into the guard that calls it. */
export function safeHook(hook: GuardHook | undefined): GuardHook {
  if (!hook) return () => undefined;
  return (door, kind) => { try { hook(door, kind); } catch { /* a failing counter must not undo the guard */ } };
}

/** What the log may say about an error: its class, its code and where it was thrown (no message). */
export function describeError(e: unknown): { name?: string; code?: string; at?: string } {
  if (!(e instanceof Error)) return { name: typeof e };
  const frame = e.stack?.split('\n').find((l) => l.trimStart().startsWith('at '))?.trim().slice(3, 200);
  const code = (e as NodeJS.ErrnoException).code;
  return { name: e.name, ...(typeof code === 'string' ? { code } : {}), ...(frame ? { at: frame } : {}) };
}

/** One warning per interval at most for a repeated event, with how many happened meanwhile. */
export function throttled(intervalMs: number, warn: (count: number) => void, now = () => performance.now()): () => void {
  let last = -Infinity;
  let count = 0;
  return () => {
    count++;
    const t = now();
    if (t - last < intervalMs) return;
    last = t;
    warn(count);
    count = 0;
  };
}
