// Console sessions (issue 21): logon, the session cookie, CSRF and origin checks, logoff. A console
// session is an admin session (src/admin/session.ts: same accounts, lockout, rate limits, audit; kept in
// the store as the digest of its id); the cookie is HttpOnly, SameSite=Strict, Secure under TLS. The CSRF
// token is an HMAC of the session id (nothing stored, any node can check it); every change must send it
// in X-CSRF-Token. A logon always makes a new session id, ending the one the browser had (no fixation).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { logoff, logon, requireSession, type AdminSession } from '../../admin/session.js';
import { ConsoleError, errorReply, resultReply, type Reply } from './http.js';
import { field, type Call, type ConsoleRuntime, type Route } from './route.js';

const SESSION_ID = /^[0-9a-f]{32}$/;

export const cookieName = (tls: boolean): string => (tls ? '__Secure-countersign-console' : 'countersign-console');

/** The session id the browser sent, when it has the shape of one. */
export function sessionIdOf(req: IncomingMessage, tls: boolean): string | undefined {
  const name = cookieName(tls);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return SESSION_ID.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export const csrfTokenOf = (sessionId: string): string => createHmac('sha256', sessionId).update('countersign console csrf').digest('base64url');

/** True when X-CSRF-Token is this session's token (compared in constant time). */
export function csrfOk(req: IncomingMessage, sessionId: string): boolean {
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string') return false;
  const want = Buffer.from(csrfTokenOf(sessionId));
  const got = Buffer.from(sent);
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * A change must come from a page of this origin: Sec-Fetch-Site and Origin, when the browser sends them,
 * must say so. Behind a reverse proxy that rewrites Host, the proxy's X-Forwarded-Host names the origin
 * (a page of another site cannot set that header: it would need a CORS preflight, which is never granted).
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const forwarded = req.headers['x-forwarded-host'];
  const hosts = [req.headers.host, ...(typeof forwarded === 'string' ? forwarded.split(',').map((h) => h.trim()) : [])];
  try { return hosts.includes(new URL(origin).host); } catch { return false; }
}

const cookie = (rt: ConsoleRuntime, value: string, maxAgeS: number): string =>
  `${cookieName(rt.tls)}=${value}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${rt.tls ? '; Secure' : ''}`;

export const clearCookie = (rt: ConsoleRuntime): string => cookie(rt, '', 0);

/** The session of a request, or the 401 to answer (its stale cookie cleared). */
export async function sessionOf(rt: ConsoleRuntime, req: IncomingMessage): Promise<AdminSession | Reply> {
  const s = await requireSession(rt.admin, sessionIdOf(req, rt.tls));
  if (s.ok) return s.value;
  const refused = errorReply(rt.catalogue, new ConsoleError(401, s.status, `${s.detail}; log on again`));
  return { ...refused, headers: { 'Set-Cookie': clearCookie(rt) } };
}

/** What the page needs to know about its session and this server. */
export function sessionBody(rt: ConsoleRuntime, s: AdminSession) {
  return {
    userId: s.admin.userId, domain: s.admin.domain, csrfToken: csrfTokenOf(s.sessionId), expiresAt: new Date(s.expiresAt).toISOString(),
    features: { deviceSimulator: Boolean(rt.device), qa: Boolean(rt.qa), version: rt.version },
  };
}

async function logOn(call: Call): Promise<Reply> {
  const rt = call.deps;
  const previous = sessionIdOf(call.req, rt.tls);
  const result = await logon(rt.admin, { userId: field(call, 'userId'), domain: field(call, 'domain'), password: field(call, 'password'),
    sourceAddress: call.source ?? undefined, door: 'console' });
  if (!result.ok) return resultReply(rt.catalogue, result);
  if (previous) await logoff(rt.admin, previous);
  const ttlS = Math.max(0, Math.round((result.value.expiresAt - rt.clock.now()) / 1000));
  return { http: 200, body: sessionBody(rt, result.value), headers: { 'Set-Cookie': cookie(rt, result.value.sessionId, ttlS) } };
}

async function logOff(call: Call): Promise<Reply> {
  const ended = await logoff(call.deps.admin, call.session?.sessionId);
  return { ...resultReply(call.deps.catalogue, ended, () => ({ loggedOff: true })), headers: { 'Set-Cookie': clearCookie(call.deps) } };
}

export const SESSION_ROUTES: readonly Route[] = [
  { method: 'POST', path: '/session', operationId: 'consoleLogon', summary: 'Log on as an administrator of the store: sets the session cookie, answers the CSRF token',
    public: true, body: 'ConsoleLogon', answer: 'ConsoleSession', handle: logOn },
  { method: 'GET', path: '/session', operationId: 'consoleSession', summary: 'The current session (its CSRF token, expiry, the features on)', answer: 'ConsoleSession',
    handle: async (call) => ({ http: 200, body: sessionBody(call.deps, call.session!) }) },
  { method: 'DELETE', path: '/session', operationId: 'consoleLogoff', summary: 'Log off: the session ends and its cookie is cleared', answer: 'ConsoleLoggedOff', handle: logOff },
];
