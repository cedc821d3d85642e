// The HTTP listener's top-level guard (issue 16): whatever a client sends, the process keeps running
// and the socket is answered or closed. A handler that throws or rejects gets a 500; a request the
// parser refuses gets 400/408/431; stream errors are absorbed; a socket on which nothing moves while
// the server waits on the client is closed. Each event is counted through the hook and logged without
// request content (warnings throttled to one a minute per kind).
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { describeError, throttled, type GuardKind, type GuardLog } from './guard.js';

/** A request listener; a returned promise is watched too. */
export type GuardedHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface GuardDeps {
  readonly log: GuardLog;
  readonly report: (kind: GuardKind<'http'>) => void;
  /** Socket inactivity (ms) while the server waits on the client; 0 = none. */
  readonly idleTimeoutMs: number;
}

const WARN_INTERVAL_MS = 60_000;
const TEXT = 'text/plain; charset=utf-8';

/** Installs the request, client-error, TLS, timeout and listener-error guards on `server`. */
export function guardServer(server: Server, handler: GuardedHandler, deps: GuardDeps): void {
  const current = new WeakMap<Duplex, ServerResponse>();
  const refused = new WeakSet<Duplex>();
  const warn = warner(deps);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    current.set(req.socket, res);
    // Node clears the socket timeout when a keep-alive connection starts its next request: re-arm it.
    if (deps.idleTimeoutMs > 0) req.socket.setTimeout(deps.idleTimeoutMs);
    // A parse error of the body reaches 'clientError' too, which counts it and closes the socket.
    const streamError = (): void => { if (!refused.has(req.socket)) deps.report('socket-error'); };
    req.on('error', streamError);
    res.on('error', streamError);
    const fail = (e: unknown): void => handlerFailed(deps, req, res, e);
    try {
      const out = handler(req, res);
      if (out instanceof Promise) out.catch(fail);
    } catch (e) { fail(e); }
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    refused.add(socket);
    clientError(deps, warn, current.get(socket), err, socket);
  });
  server.on('timeout', (socket: Socket) => {
    const res = current.get(socket);
    if (res && !res.writableEnded) return; // the server is still working on this request (e.g. a held push call)
    deps.report('idle-timeout');
    socket.destroy();
  });
  server.on('tlsClientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    deps.report('tls-error');
    warn.tls(err.code);
    socket.destroy();
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (!server.listening) return; // a listen failure is the starter's to report
    deps.report('accept-error');
    warn.accept(err.code);
  });
}

function warner(deps: GuardDeps) {
  const every = (msg: string) => {
    let code: string | undefined;
    const tick = throttled(WARN_INTERVAL_MS, (count) => deps.log.warn({ code, count }, msg));
    return (c: string | undefined): void => { code = c; tick(); };
  };
  return {
    badRequest: every('HTTP requests refused by the parser (count since the last warning; last code)'),
    tls: every('TLS handshakes failed (count since the last warning; last code)'),
    accept: every('HTTP listener could not accept connections (count since the last warning; last code)'),
  };
}

function handlerFailed(deps: GuardDeps, req: IncomingMessage, res: ServerResponse, e: unknown): void {
  deps.report('handler-error');
  deps.log.error({ error: describeError(e), method: req.method?.slice(0, 20) }, 'HTTP request failed; answered 500');
  if (res.headersSent || res.writableEnded) { res.destroy(); return; }
  try {
    const body = 'Internal server error\n';
    res.writeHead(500, { 'Content-Type': TEXT, 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
    res.end(body);
  } catch { res.destroy(); }
}

const STATUS_OF: Readonly<Record<string, number>> = {
  ERR_HTTP_REQUEST_TIMEOUT: 408, HPE_HEADER_OVERFLOW: 431, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
};
const RESETS = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);

/**
 * What Node does without a listener, counted: answer a status line unless part of a response is
 * already on the wire (that would corrupt it), then close.
 */
function clientError(deps: GuardDeps, warn: ReturnType<typeof warner>, res: ServerResponse | undefined,
  err: NodeJS.ErrnoException, socket: Duplex): void {
  const code = err.code ?? '';
  const status = RESETS.has(code) ? 0 : STATUS_OF[code] ?? 400;
  deps.report(status === 0 ? 'socket-error' : status === 408 ? 'request-timeout' : 'bad-request');
  if (status !== 0 && status !== 408) warn.badRequest(code);
  const midResponse = res !== undefined && !res.writableFinished && res.headersSent;
  if (status !== 0 && socket.writable && !midResponse) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }
  socket.destroy();
}
