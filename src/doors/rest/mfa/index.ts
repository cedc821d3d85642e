// Dispatch of the MFA initialisation API (spec: other-frontends.md §3) on the shared listener: POST /authentication,
// /authentication/otp/initialize, /authentication/otp and GET /authentication (token introspection); Accept first (406),
// then the method (405); refusals are {id, message, errors?}; unexpected failures are logged by message alone.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RestContext } from '../context.js';
import { ApiError, acceptsJson, errorReply, sendJson, type Reply } from './http.js';
import { initialize } from './initialize.js';
import { introspect } from './introspect.js';
import { login } from './login.js';
import { verifyOtp } from './otp.js';

type Route = (ctx: RestContext, req: IncomingMessage) => Promise<Reply>;

const ROUTES: Readonly<Record<string, Readonly<Record<string, Route>>>> = {
  '/authentication': { POST: login, GET: introspect },
  '/authentication/otp/initialize': { POST: initialize },
  '/authentication/otp': { POST: verifyOtp },
};

const allowed = (methods: Readonly<Record<string, Route>>): string => Object.keys(methods).join(', ');

async function answer(ctx: RestContext, req: IncomingMessage, methods: Readonly<Record<string, Route>>): Promise<Reply> {
  if (!acceptsJson(req)) throw new ApiError(406, 'not-acceptable', 'this API answers application/json only');
  const route = methods[req.method ?? ''];
  if (!route) throw new ApiError(405, 'method-not-allowed', `use ${allowed(methods)}`);
  return route(ctx, req);
}

/** Answers the MFA API's paths; false for any other path. */
export function handleMfa(ctx: RestContext, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const methods = ROUTES[url.pathname];
  if (!methods) return false;
  answer(ctx, req, methods).then((r) => sendJson(res, r)).catch((err: unknown) => {
    if (!(err instanceof ApiError)) ctx.log.error({ error: { message: (err as Error)?.message } }, 'REST MFA request failed');
    const e = err instanceof ApiError ? err : new ApiError(500, 'internal-error', 'unexpected failure');
    if (e.status === 405) res.setHeader('Allow', allowed(methods));
    if (!res.headersSent) sendJson(res, errorReply(e));
  });
  return true;
}
