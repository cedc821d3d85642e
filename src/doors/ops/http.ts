// The operator's endpoints (docs/operations/monitoring.md): GET /health (the process answers), GET /ready
// (the store answers and is migrated; 503 otherwise) and GET /metrics (Prometheus text format). JSON
// bodies in the shape Keycloak and Quarkus use ({"status":"UP","checks":[...]}), so probes need no change.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../runtime/logger.js';
import type { Metrics } from '../../runtime/metrics.js';
import type { Readiness } from '../../store/store.js';

export interface OpsDeps {
  readonly ready: () => Promise<Readiness>;
  readonly log: Logger;
  /** Absent = no /metrics here (COUNTERSIGN_METRICS=off, or it is on its own port). */
  readonly metrics?: Metrics;
  /** True once the server is stopping: /ready answers 503 so balancers stop sending (wired by the drain logic). */
  readonly draining?: () => boolean;
}

/** A store that does not answer /ready's query within this is not ready (the probe must not hang). */
export const READY_TIMEOUT_MS = 2000;

const PATHS = new Set(['/health', '/ready', '/metrics']);

export type OpsHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Answers the three paths (GET or HEAD) and returns true; false for anything else. */
export function createOpsHandler(deps: OpsDeps): OpsHandler {
  const state = { ready: true };
  return (req, res) => handleOps(deps, state, req, res);
}

function handleOps(deps: OpsDeps, state: { ready: boolean }, req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? '/';
  const path = url.includes('?') ? url.slice(0, url.indexOf('?')) : url;
  if (!PATHS.has(path) || (path === '/metrics' && !deps.metrics)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(req, res, 405, 'application/json; charset=utf-8', '{"error":"use GET"}\n', { Allow: 'GET, HEAD' });
    return true;
  }
  answer(deps, state, path).then(
    (a) => send(req, res, a.status, a.type, a.body),
    () => send(req, res, 500, 'application/json; charset=utf-8', '{"status":"DOWN"}\n'),
  );
  return true;
}

interface Answer { readonly status: number; readonly type: string; readonly body: string }

const json = (status: number, body: unknown): Answer => ({ status, type: 'application/json; charset=utf-8', body: `${JSON.stringify(body)}\n` });

async function answer(deps: OpsDeps, state: { ready: boolean }, path: string): Promise<Answer> {
  if (path === '/health') return json(200, { status: 'UP' });
  if (path === '/metrics') return { status: 200, type: deps.metrics!.contentType, body: await deps.metrics!.text() };
  const r = deps.draining?.() ? { ok: false as const, reason: 'the server is stopping' } : await readiness(deps, state);
  if (r.ok) return json(200, { status: 'UP', checks: [{ name: 'store', status: 'UP' }] });
  return json(503, { status: 'DOWN', checks: [{ name: 'store', status: 'DOWN', reason: r.reason }] });
}

/** The store's readiness, bounded in time; a change of state is logged once (not every probe). */
async function readiness(deps: OpsDeps, state: { ready: boolean }): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Readiness>((ok) => {
    timer = setTimeout(() => ok({ ok: false, reason: `the store did not answer within ${READY_TIMEOUT_MS} ms: check COUNTERSIGN_DATABASE` }), READY_TIMEOUT_MS);
  });
  const r = await Promise.race([deps.ready(), late]).finally(() => clearTimeout(timer));
  if (r.ok !== state.ready) {
    if (r.ok) deps.log.info('ready again: the store answers');
    else deps.log.warn({ reason: r.reason, error: r.error }, 'not ready');
  }
  state.ready = r.ok;
  return r;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}
