// The RADIUS door on a UDP socket (spec: other-frontends.md §1; RFC 2865 §3): every datagram goes
// through the handler; an answer goes back to the source address and port; silence otherwise.
// Closing stops taking datagrams, answers those already being handled, then closes the socket.
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { RadiusHandler, RadiusLog } from './handler.js';

export interface RadiusListener {
  readonly socket: Socket;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Socket buffers large enough for bursts of requests from many NAS at once. */
const SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

export async function listenRadius(handler: RadiusHandler, host: string, port: number, log: RadiusLog): Promise<RadiusListener> {
  const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', reuseAddr: false });
  // Requests being answered: close() stops taking new ones and waits for these (shutdown drain).
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  const send = (answer: Buffer, rinfo: { port: number; address: string }) => new Promise<void>((ok) => {
    socket.send(answer, rinfo.port, rinfo.address, (err) => { if (err) log.warn({ error: err.message }, 'RADIUS answer not sent'); ok(); });
  });
  socket.on('message', (message, rinfo) => {
    if (closed) return;
    const done: Promise<void> = handler.handle(message, rinfo)
      .then((answer) => (answer ? send(answer, rinfo) : undefined))
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  });
  await new Promise<void>((ok, fail) => {
    socket.once('error', fail);
    socket.bind(port, host, () => { socket.off('error', fail); ok(); });
  });
  socket.on('error', (err) => log.error({ error: err.message }, 'RADIUS socket error'));
  try {
    socket.setRecvBufferSize(SOCKET_BUFFER_BYTES);
    socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
  } catch { /* the kernel may cap the sizes; the defaults still work */ }
  const bound = socket.address();
  let closing: Promise<void> | undefined;
  const close = () => {
    closed = true;
    closing ??= Promise.allSettled([...inFlight]).then(() => new Promise<void>((ok) => socket.close(() => ok())));
    return closing;
  };
  return { socket, host: bound.address, port: bound.port, close };
}
