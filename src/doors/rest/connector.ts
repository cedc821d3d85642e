// The RADIUS connector endpoint (spec: other-frontends.md §4): a cloud RADIUS service POSTs the login
// with a bearer API token (looked up in the store's api_keys); 2xx approves with the user's stored reply
// attributes, 4xx rejects with `errors`. PAP (password + OTP or OTP) or MS-CHAPv2 for OTP-only
// authenticators (the OTP checked against the NT-Response, src/engine/flows/mschapv2.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RestContext } from './context.js';
import { BodyError, bearer, parseJsonObject, readBody } from './params.js';
import { mschapUserName, parseMschap } from './mschap.js';
import { noteOf, noteOutcome } from '../../runtime/request-log.js';

export const CONNECTOR_PATH = '/connector/radius';
const LOGIN = /^[A-Za-z0-9@._\\-]{1,255}$/;

interface Reply { status: number; body: unknown; retryAfterS?: number }

const reject = (status: number, ...errors: string[]): Reply => ({ status, body: { errors } });

function send(res: ServerResponse, r: Reply): void {
  const text = JSON.stringify(r.body);
  const close = r.status === 413 ? { Connection: 'close' } : {};
  const retry = r.retryAfterS !== undefined ? { 'Retry-After': String(r.retryAfterS) } : {};
  res.writeHead(r.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...close, ...retry });
  res.end(text);
}

/**
 * The connector's own documentation sends every value as a JSON string (`"auth_port": "11111"`), so a
 * port is a whole number from 1 to 65535 given as a number or as a string of decimal digits.
 */
function isPort(v: unknown): boolean {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[0-9]{1,5}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** `user@domain` selects the domain; a bare login lives in the REST doors' domain. */
function splitLogin(ctx: RestContext, login: string): { userId: string; domain: string } {
  const at = login.lastIndexOf('@');
  return at > 0 && at < login.length - 1 ? { userId: login.slice(0, at), domain: login.slice(at + 1) } : { userId: login, domain: ctx.domain };
}

async function decide(ctx: RestContext, req: IncomingMessage): Promise<Reply> {
  if (!(await ctx.apiKeys.accepts(bearer(req)))) return reject(401, 'invalid or missing API token');
  const body = parseJsonObject(req, await readBody(req, ctx.maxBodyBytes));
  const { login, password, auth_port: authPort, mschap_challenge: mschapChallenge, mschap_response: mschapResponse } = body;
  const errors: string[] = [];
  if (typeof login !== 'string' || !LOGIN.test(login)) errors.push('login: letters, digits, -, @, ., _ (and DOMAIN\\ for MS-CHAP) required');
  if (authPort !== undefined && !isPort(authPort)) errors.push('auth_port: a port number from 1 to 65535 (a JSON number or a string of digits)');
  const usesMschap = mschapChallenge !== undefined || mschapResponse !== undefined;
  const mschap = usesMschap && typeof login === 'string' ? parseMschap({ login, mschap_challenge: mschapChallenge, mschap_response: mschapResponse }) : undefined;
  if (mschap && !mschap.ok) errors.push(mschap.error);
  else if (!usesMschap && (typeof password !== 'string' || password.length === 0)) errors.push('password: required');
  if (errors.length > 0) return reject(422, ...errors);
  const { userId, domain } = splitLogin(ctx, mschapUserName(login as string));
  const outcome = await ctx.engine.authUser({
    componentType: ctx.componentType, userId, domain, passwordFormat: 'combined',
    ...(mschap?.ok ? { mschapv2: mschap.value } : { password: password as string }),
    door: 'rest-connector', sourceAddress: req.socket.remoteAddress,
  });
  noteOutcome(noteOf(req), outcome);
  if (outcome.status === 'RATE_LIMITED') return { ...reject(429, `access rejected: ${ctx.catalogue.RATE_LIMITED.name}`), retryAfterS: outcome.retryAfterS ?? 1 };
  if (outcome.status !== 'SUCCESS') return reject(422, `access rejected: ${ctx.catalogue[outcome.reported].name}`);
  const approved = { userId: outcome.userId ?? userId, domain: outcome.domain ?? domain };
  const success = outcome.mschapv2Success === undefined ? {} : { mschap2_success: outcome.mschapv2Success };
  return { status: 200, body: { id: `${approved.domain}/${approved.userId}`, login, ...success, attributes: await replyAttributes(ctx, approved) } };
}

/** The approved user's stored reply attributes `{name, value, op}` (other-frontends.md §4). */
async function replyAttributes(ctx: RestContext, who: { userId: string; domain: string }): Promise<{ name: string; value: string; op: string }[]> {
  const user = await ctx.store.findUser(who.domain, who.userId);
  if (!user) return [];
  return (await ctx.store.listReplyAttributes(user.id)).map(({ name, value, op }) => ({ name, value, op }));
}

/** Answers POST /connector/radius; false for any other path. */
export function handleConnector(ctx: RestContext, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (url.pathname !== CONNECTOR_PATH) return false;
  if (req.method !== 'POST') { send(res, reject(405, 'use POST')); return true; }
  decide(ctx, req).then((r) => send(res, r)).catch((err: unknown) => {
    if (!(err instanceof BodyError)) ctx.log.error({ error: { message: (err as Error)?.message } }, 'RADIUS connector request failed');
    const status = err instanceof BodyError ? (err.kind === 'too-large' ? 413 : err.kind === 'content-type' ? 415 : 400) : 500;
    if (!res.headersSent) send(res, reject(status, err instanceof BodyError ? err.message : 'internal error'));
  });
  return true;
}
