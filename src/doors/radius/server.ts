// The RADIUS door on a UDP socket (spec: other-frontends.md §1; RFC 2865 §3): every datagram goes
// through the handler; an answer goes back to the source address and port; silence otherwise.
// Closing stops taking datagrams, answers those already being handled, then closes the socket.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { describeError, safeHook, type GuardHook } from '../../runtime/guard.js';
import type { RadiusHandler, RadiusLog } from './handler.js';

export interface RadiusListener {
  readonly socket: Socket;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Socket buffers large enough for bursts of requests from many NAS at once. */
const SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

export async function listenRadius(handler: RadiusHandler, host: string, port: number, log: RadiusLog, onGuard?: GuardHook): Promise<RadiusListener> {
  const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', reuseAddr: false });
  const report = safeHook(onGuard);
  // The door's top-level guard (issue 16): whatever a datagram holds, the process keeps running; a
  // handler that throws or rejects drops the packet, counted and logged without its content.
  const failed = (e: unknown): void => {
    report('radius', 'handler-error');
    log.error({ error: describeError(e) }, 'RADIUS datagram handler failed; packet dropped');
  };
  // Requests being answered, counted: close() stops taking new ones and waits for these (shutdown
  // drain). A counter and callbacks, not a promise per step: this runs once per datagram.
  let inFlight = 0;
  let drained: (() => void) | undefined;
  let closed = false;
  const settle = (): void => { if (--inFlight === 0 && drained) drained(); };
  const sent = (err: Error | null): void => {
    if (err) { report('radius', 'socket-error'); log.warn({ error: describeError(err) }, 'RADIUS answer not sent'); }
    settle();
  };
  const answered = (rinfo: RemoteInfo) => (answer: Buffer | undefined): void => {
    if (!answer) return settle();
    try { socket.send(answer, rinfo.port, rinfo.address, sent); } catch (e) { sent(e as Error); }
  };
  const rejected = (e: unknown): void => { failed(e); settle(); };
  socket.on('message', (message, rinfo) => {
    if (closed) return;
    inFlight++;
    try { handler.handle(message, rinfo).then(answered(rinfo), rejected); } catch (e) { rejected(e); }
  });
  await new Promise<void>((ok, fail) => {
    socket.once('error', fail);
    socket.bind(port, host, () => { socket.off('error', fail); ok(); });
  });
  socket.on('error', (err) => { report('radius', 'socket-error'); log.error({ error: describeError(err) }, 'RADIUS socket error'); });
  try {
    socket.setRecvBufferSize(SOCKET_BUFFER_BYTES);
    socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
  } catch { /* the kernel may cap the sizes; the defaults still work */ }
  const bound = socket.address();
  let closing: Promise<void> | undefined;
  const close = () => {
    closed = true;
    closing ??= new Promise<void>((ok) => { drained = ok; if (inFlight === 0) ok(); })
      .then(() => new Promise<void>((ok) => socket.close(() => ok())));
    return closing;
  };
  return { socket, host: bound.address, port: bound.port, close };
}
