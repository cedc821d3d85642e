// The HTTP(S) listener every door shares (issue 16): created here with its timeouts, connection caps
// and top-level guard in one place (docs/operations/limits.md), so no request can end the process or
// hold a descriptor past its timeouts. main.ts hands it the composed request handler.
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { capConnections, type CapState } from './connection-cap.js';
import { safeHook, type GuardHook, type GuardLog } from './guard.js';
import { guardServer, type GuardedHandler } from './http-guard.js';

export interface HttpLimits {
  /** Socket inactivity while the server waits on the client (no request yet, response not read). */
  readonly idleTimeoutMs: number;
  /** From the connection (or the end of the previous request) to the end of the request headers. */
  readonly headersTimeoutMs: number;
  /** From the start of a request to the end of its body. */
  readonly requestTimeoutMs: number;
  /** How long a connection may wait for its next request after a response. */
  readonly keepAliveTimeoutMs: number;
  readonly maxConnections: number;
  readonly maxConnectionsPerSource: number;
}

export interface HttpServerOptions {
  readonly limits: HttpLimits;
  readonly log: GuardLog;
  readonly onGuard?: GuardHook;
  /** PEM key and certificate: HTTPS; absent: HTTP. */
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer };
}

export interface GuardedServer {
  readonly server: Server;
  readonly connections: CapState;
}

/** Node checks header and request deadlines on a timer; a quarter of the shortest, 0.1 to 1 s. */
const checkingInterval = (l: HttpLimits): number =>
  Math.max(100, Math.min(1000, Math.floor(Math.min(l.headersTimeoutMs, l.requestTimeoutMs) / 4)));

export function createHttpServer(handler: GuardedHandler, opts: HttpServerOptions): GuardedServer {
  const { limits } = opts;
  const options = { connectionsCheckingInterval: checkingInterval(limits) };
  // A TLS client that never finishes its handshake is held by tls's own timer (120 s by default),
  // before any HTTP timer applies: the headers timeout bounds it instead.
  const server = (opts.tls
    ? createHttps({ ...options, key: opts.tls.key, cert: opts.tls.cert, handshakeTimeout: limits.headersTimeoutMs })
    : createHttp(options)) as Server;
  // Node refuses a headers timeout longer than the request timeout; the request timeout wins.
  server.headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.timeout = limits.idleTimeoutMs;
  const hook = safeHook(opts.onGuard);
  const report = (kind: Parameters<GuardHook>[1]): void => hook('http', kind);
  const connections = capConnections(server, { max: limits.maxConnections, perSource: limits.maxConnectionsPerSource }, opts.log, report);
  guardServer(server, handler, { log: opts.log, report, idleTimeoutMs: limits.idleTimeoutMs });
  return { server, connections };
}

/**
 * Connections the kernel may hold for the server before it accepts them (capped by net.core.somaxconn).
 * Node's 511 is overrun when hundreds of clients connect at once while the event loop is busy; a
 * connection refused there is retried by the client's TCP after a second or more.
 */
export const LISTEN_BACKLOG = 4096;

/** Listens and resolves with the bound port; a listen failure (port in use) rejects. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', fail);
      ok((server.address() as AddressInfo).port);
    });
  });
}

/** The limits from the configuration's COUNTERSIGN_HTTP_* settings. */
export function httpLimits(c: {
  readonly httpIdleTimeoutMs: number; readonly httpHeadersTimeoutMs: number; readonly httpRequestTimeoutMs: number;
  readonly httpKeepAliveTimeoutMs: number; readonly httpMaxConnections: number; readonly httpMaxConnectionsPerSource: number;
}): HttpLimits {
  return {
    idleTimeoutMs: c.httpIdleTimeoutMs, headersTimeoutMs: c.httpHeadersTimeoutMs, requestTimeoutMs: c.httpRequestTimeoutMs,
    keepAliveTimeoutMs: c.httpKeepAliveTimeoutMs, maxConnections: c.httpMaxConnections, maxConnectionsPerSource: c.httpMaxConnectionsPerSource,
  };
}
