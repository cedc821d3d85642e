// Raw TCP exchanges with an HTTP listener, for the hostile tests and the fuzz: write bytes as they are
// (no client library to tidy them up), then collect what comes back until the server closes the
// connection, the answer is complete, or a deadline passes (a hang).
import { connect, type Socket } from 'node:net';

export interface Exchange {
  /** Everything the server sent. */
  readonly data: string;
  /** The HTTP status of the first answer, if one came. */
  readonly status?: number;
  /** The connection ended (closed or reset) before the deadline. */
  readonly closed: boolean;
  /** Neither a complete answer nor a close before the deadline. */
  readonly hung: boolean;
}

export interface ExchangeOptions {
  readonly host?: string;
  /** Source address (127.0.0.x on Linux loopback) to appear as another client. */
  readonly localAddress?: string;
  /** Give up (a hang) after this long. */
  readonly deadlineMs?: number;
  /** Resolve as soon as one complete answer (with Content-Length) came, without waiting for a close. */
  readonly firstAnswer?: boolean;
  /** Send FIN after the bytes (the client is done sending), as most clients of a failed request do. */
  readonly halfClose?: boolean;
}

const statusOf = (data: string): number | undefined => {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
  return m ? Number(m[1]) : undefined;
};

/** True once `data` holds a whole first answer (headers and Content-Length bytes of body). */
function answerComplete(data: string): boolean {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(data.slice(0, end));
  return length !== null && Buffer.byteLength(data.slice(end + 4)) >= Number(length[1]);
}

export function exchange(port: number, bytes: Buffer | string, opts: ExchangeOptions = {}): Promise<Exchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket: Socket = connect({ port, host: opts.host ?? '127.0.0.1', localAddress: opts.localAddress });
    const finish = (closed: boolean, hung: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const data = Buffer.concat(chunks).toString('latin1');
      resolve({ data, status: statusOf(data), closed, hung });
    };
    const timer = setTimeout(() => finish(false, !answerComplete(Buffer.concat(chunks).toString('latin1'))), opts.deadlineMs ?? 10_000);
    socket.on('connect', () => (opts.halfClose ? socket.end(bytes) : socket.write(bytes)));
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      if (opts.firstAnswer && answerComplete(Buffer.concat(chunks).toString('latin1'))) finish(false, false);
    });
    socket.on('error', () => finish(true, false));
    socket.on('close', () => finish(true, false));
  });
}

/** Opens a connection that sends nothing; resolves once connected (or closed at once). */
export function openIdle(port: number, localAddress?: string, host = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect({ port, host, localAddress });
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve(socket));
    socket.once('close', () => resolve(socket));
  });
}

/** Resolves when the socket closes, or with false after `ms`. */
export function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  if (socket.destroyed || socket.closed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => { clearTimeout(timer); resolve(true); });
  });
}
