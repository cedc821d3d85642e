// Composition root, operations part: /health, /ready and /metrics (docs/operations/monitoring.md) in
// front of the doors on the HTTP port, or on a listener of their own (COUNTERSIGN_METRICS_PORT).
import type { RequestListener } from 'node:http';
import { createOpsHandler } from './doors/ops/http.js';
import type { App } from './main.js';
import { createHttpServer, httpLimits, listen } from './runtime/http-server.js';
import { StartupError } from './runtime/startup-errors.js';

/** /health, /ready (and /metrics unless it has its own listener) in front of every door. */
export function withOps(app: App, withMetrics: boolean, inner: RequestListener): RequestListener {
  const ops = createOpsHandler({ ready: () => app.store.checkReady(), log: app.log, metrics: withMetrics ? app.metrics : undefined, draining: () => app.lifecycle.draining });
  return (req, res) => { if (!ops(req, res)) inner(req, res); };
}

/**
 * COUNTERSIGN_METRICS_PORT set: /metrics, /health and /ready on their own plain-HTTP listener (like
 * Keycloak's management port), and /metrics leaves the HTTP port. Unset: all three on the HTTP port.
 */
export async function startMetricsListener(app: App): Promise<{ url?: string; close(): Promise<void> }> {
  const { config } = app;
  if (!config.metrics || config.metricsPort === null) return { close: async () => undefined };
  const ops = createOpsHandler({ ready: () => app.store.checkReady(), log: app.log, metrics: app.metrics, draining: () => app.lifecycle.draining });
  const notFound: RequestListener = (req, res) => {
    if (!ops(req, res)) { res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }); res.end('Not found: /metrics, /health or /ready\n'); }
  };
  const { server } = createHttpServer(notFound, { limits: httpLimits(config), log: app.log, onGuard: (_door, kind) => app.metrics.httpRejected(kind) });
  const port = await listen(server, config.metricsPort, config.metricsHost).catch((e: Error) => {
    throw new StartupError(`COUNTERSIGN_METRICS_PORT: cannot listen on ${config.metricsHost}:${config.metricsPort} (${e.message}); choose another port or unset it`);
  });
  const url = `http://${config.metricsHost}:${port}/metrics`;
  const close = async () => { const closed = new Promise((ok) => server.close(ok)); server.closeAllConnections(); await closed; };
  return { url, close };
}
