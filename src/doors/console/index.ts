// The web console door (issue 21; docs/console.md): `/console` (the page and its files) and
// `/console/api/...` (JSON, in /openapi.json) on the HTTP port. Checks of every API request, in order:
// route and method, session (except logon), same origin and CSRF token for every change, the body
// against its schema; then one admin use case. Answers and request logs never hold a secret.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Ajv } from 'ajv';
import { noteOf } from '../../runtime/request-log.js';
import { sourceAddress } from '../../runtime/request-log.js';
import { parseRequestTarget, decodeComponent } from '../../runtime/request-target.js';
import { loadAssets, SHELL_CSP, type Asset } from './assets.js';
import { csrfOk, sameOrigin, sessionOf, SESSION_ROUTES } from './auth.js';
import { ConsoleError, errorReply, readJsonObject, SECURITY_HEADERS, sendJson, type Reply } from './http.js';
import { createJobs } from './jobs.js';
import { CONSOLE_SCHEMAS, consoleOpenApi } from './openapi.js';
import type { ConsoleDeps, ConsoleRuntime, Route } from './route.js';
import { AUDIT_ROUTES } from './routes-audit.js';
import { AUTHENTICATOR_ROUTES } from './routes-authenticators.js';
import { CONFIG_ROUTES } from './routes-config.js';
import { IMPORT_ROUTES } from './routes-import.js';
import { PUSH_ROUTES } from './routes-push.js';
import { QA_ROUTES } from './routes-qa.js';
import { USER_ROUTES } from './routes-users.js';

export type { ConsoleDeps, QaHelpers } from './route.js';

export const CONSOLE_ROUTES: readonly Route[] = [...SESSION_ROUTES, ...USER_ROUTES, ...AUTHENTICATOR_ROUTES, ...AUDIT_ROUTES, ...PUSH_ROUTES,
  ...IMPORT_ROUTES, ...QA_ROUTES, ...CONFIG_ROUTES];

/** The console's part of /openapi.json. */
export const consoleOpenApiParts = () => consoleOpenApi(CONSOLE_ROUTES);

interface Compiled { readonly route: Route; readonly pattern: RegExp; readonly names: string[] }

const compile = (route: Route): Compiled => {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const pattern = new RegExp(`^/console/api${route.path.replace(/\{\w+\}/g, '([^/]+)')}$`);
  return { route, pattern, names };
};

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema({ $id: 'console', components: { schemas: CONSOLE_SCHEMAS } });
const validators = new Map<string, ReturnType<Ajv['compile']>>();
const validatorOf = (name: string) => {
  let v = validators.get(name);
  if (!v) { v = ajv.compile({ $ref: `console#/components/schemas/${name}` }); validators.set(name, v); }
  return v;
};

function validated(schema: string, value: Record<string, unknown>): Record<string, unknown> {
  const validate = validatorOf(schema);
  if (validate(value)) return value;
  const errors = (validate.errors ?? []).map((e) => ({
    field: [e.instancePath.replace(/^\//, '').replace(/\//g, '.'), e.keyword === 'required' ? String((e.params as { missingProperty: string }).missingProperty) : '']
      .filter(Boolean).join('.') || '(body)',
    message: e.keyword === 'required' ? 'is required' : e.message ?? 'is not valid',
  }));
  throw new ConsoleError(422, 'INVDATA', 'The request body is not valid', errors);
}

export type ConsoleHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createConsoleHandler(deps: ConsoleDeps): ConsoleHandler {
  const rt: ConsoleRuntime = { ...deps, jobs: createJobs() };
  const routes = CONSOLE_ROUTES.map(compile);
  const assets = loadAssets();
  return (req, res) => {
    const url = parseRequestTarget(req.url);
    if (!url || (url.pathname !== '/console' && !url.pathname.startsWith('/console/'))) return false;
    const note = noteOf(req);
    if (note) Object.assign(note, { door: 'console', operation: `${req.method ?? 'GET'} /console` });
    if (!url.pathname.startsWith('/console/api/')) { serveFile(req, res, url.pathname, assets); return true; }
    api(rt, routes, req, res, url).catch((e: unknown) => {
      rt.log.error({ error: { message: (e as Error)?.message } }, 'console request failed');
      if (!res.headersSent) sendJson(res, errorReply(rt.catalogue, new ConsoleError(500, 'ERROR', 'The server failed; see its log')));
      else res.destroy();
    });
    return true;
  };
}

function serveFile(req: IncomingMessage, res: ServerResponse, path: string, assets: ReturnType<typeof loadAssets>): void {
  const page = path === '/console' || path === '/console/';
  const file: Asset | undefined = page ? assets.shell : assets.file(path);
  if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
    const text = file ? 'Use GET\n' : 'Not found\n';
    res.writeHead(file ? 405 : 404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...(file ? { Allow: 'GET, HEAD' } : {}) });
    res.end(text);
    return;
  }
  const headers = { ...SECURITY_HEADERS, 'Content-Type': file.type, ETag: file.etag, 'Cache-Control': 'no-cache', ...(page ? { 'Content-Security-Policy': SHELL_CSP } : {}) };
  if (req.headers['if-none-match'] === file.etag) { res.writeHead(304, headers); res.end(); return; }
  res.writeHead(200, { ...headers, 'Content-Length': file.body.length });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

function match(routes: readonly Compiled[], method: string, path: string): { route: Route; params: Record<string, string> } | { allow: string[] } | undefined {
  const allow: string[] = [];
  for (const c of routes) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    if (c.route.method !== method) { allow.push(c.route.method); continue; }
    const params: Record<string, string> = {};
    for (const [i, name] of c.names.entries()) {
      const v = decodeComponent(m[i + 1]!);
      if (v === undefined) throw new ConsoleError(400, 'INVDATA', `The ${name} in the path is not valid percent-encoding`);
      params[name] = v;
    }
    return { route: c.route, params };
  }
  return allow.length > 0 ? { allow } : undefined;
}

async function api(rt: ConsoleRuntime, routes: readonly Compiled[], req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const note = noteOf(req);
  let reply: Reply | undefined;
  try {
    const found = match(routes, req.method ?? 'GET', url.pathname);
    if (!found) throw new ConsoleError(404, 'NOT_FOUND', 'No such console API route (see /openapi.json)');
    if ('allow' in found) { reply = { ...errorReply(rt.catalogue, new ConsoleError(405, 'INVDATA', 'Method not allowed')), headers: { Allow: found.allow.join(', ') } }; return; }
    const { route, params } = found;
    if (note) note.operation = `${route.method} /console/api${route.path}`;
    reply = await run(rt, route, params, req, res, url);
  } catch (e) {
    if (!(e instanceof ConsoleError)) throw e;
    reply = errorReply(rt.catalogue, e);
  } finally {
    if (reply && !res.headersSent) {
      if (note) note.status = reply.http < 400 ? 'STAT_SUCCESS' : String((reply.body as { status?: string }).status ?? `HTTP_${reply.http}`);
      sendJson(res, reply);
    }
  }
}

async function run(rt: ConsoleRuntime, route: Route, params: Record<string, string>, req: IncomingMessage, res: ServerResponse, url: URL): Promise<Reply | undefined> {
  const change = route.method !== 'GET';
  if (change && !sameOrigin(req)) throw new ConsoleError(403, 'PERMISSION', 'Changes are accepted only from the console\'s own pages (Origin / Sec-Fetch-Site)');
  let session;
  if (!route.public) {
    const s = await sessionOf(rt, req);
    if ('http' in s) return s;
    session = s;
    const note = noteOf(req);
    if (note) Object.assign(note, { user: s.admin.userId, domain: s.admin.domain });
    if (change && !csrfOk(req, s.sessionId)) throw new ConsoleError(403, 'PERMISSION', 'The CSRF token is missing or wrong (X-CSRF-Token): reload the console');
  }
  const body = route.body ? validated(route.body, await readJsonObject(req, rt.maxBodyBytes)) : {};
  return route.handle({ req, res, url, params, body, session, deps: rt, source: sourceAddress(req) ?? null });
}
