// The appliance-style enrolment and validation Web API (spec: other-frontends.md §2): createuser,
// validate, api.php?action=listusers and the hashqr QR images. API key and OTP are never logged.
import type { IncomingMessage, ServerResponse } from 'node:http';
import QRCode from 'qrcode';
import { otpauthUri, encodeBase32 } from '../../otp/base32.js';
import { bearerKey } from '../../store/bearer-digest.js';
import type { RestContext } from './context.js';
import { CONTENT_TYPES, encode, parseFormat, type Format, type Value } from './formats.js';
import { BodyError, bodyFields, header, readBody } from './params.js';
import { noteOf, noteOutcome } from '../../runtime/request-log.js';
import { unstorableText } from '../../domain/text.js';

export const ENROL_DOOR = 'rest-createuser';
/** A hashqr link shows the TOTP seed to whoever has it: a bearer secret, stored as its digest only. */
const HASHQR_KIND = 'hashqr';
const HASHQR_TTL_MS = 24 * 3600_000;

type Params = Record<string, string | undefined>;
interface Answer { status: number; body: Value; verdict: boolean | string; retryAfterS?: number }

function send(res: ServerResponse, format: Format, a: Answer): void {
  const text = encode(format, a.body, a.verdict);
  const close = a.status === 413 ? { Connection: 'close' } : {};
  const retry = a.retryAfterS !== undefined ? { 'Retry-After': String(a.retryAfterS) } : {};
  res.writeHead(a.status, { 'Content-Type': CONTENT_TYPES[format], 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...close, ...retry });
  res.end(text);
}

const fail = (response: string, key: 'success' | 'validation', status = 200): Answer =>
  ({ status, body: { response, [key]: false }, verdict: false });

/** Query string, then body fields, then the X-API-Key / X-Token headers: later sources win. */
async function gather(ctx: RestContext, req: IncomingMessage, url: URL): Promise<Params> {
  const body = req.method === 'POST' ? bodyFields(req, await readBody(req, ctx.maxBodyBytes)) : {};
  const p: Params = { ...Object.fromEntries(url.searchParams), ...body };
  p.api_key = header(req, 'x-api-key') ?? p.api_key;
  p.token = header(req, 'x-token') ?? p.token;
  return p;
}

function publicBase(ctx: RestContext, req: IncomingMessage): string {
  if (ctx.publicUrl) return ctx.publicUrl.replace(/\/+$/, '');
  return `${ctx.tls ? 'https' : 'http'}://${header(req, 'host') ?? 'localhost'}`;
}

async function createUser(ctx: RestContext, req: IncomingMessage, p: Params): Promise<Answer> {
  const username = (p.email ?? '').trim() || (p.phone ?? '').trim();
  if (!username) return fail('Missing argument: email or phone', 'success');
  const bad = unstorableText({ email: p.email?.trim(), phone: p.phone?.trim() });
  if (bad) return fail(`Invalid argument: ${bad}`, 'success');
  if ((p.type ?? '0') !== '0') return fail('Unsupported type: only 0 (TOTP) is offered', 'success');
  if (p.pin !== undefined && p.pin !== '' && !/^\d{4,8}$/.test(p.pin)) return fail('Invalid pin: 4 to 8 digits', 'success');
  const userId = `u${ctx.random.bytes(8).toString('hex')}`;
  const serial = `RT${ctx.random.bytes(4).toString('hex').toUpperCase()}`;
  const secret = ctx.random.bytes(20);
  const pinHash = p.pin ? await ctx.hasher.hash(p.pin) : null;
  await ctx.store.importBatch([{
    user: { domain: ctx.domain, userId, email: p.email?.trim() || null, mobile: p.phone?.trim() || null, description: 'REST createuser' },
    authenticator: { serial, kind: 'totp', secret, digits: 6, algorithm: 'SHA1', period: 30, pinHash, pinEnabled: pinHash !== null },
  }]);
  const now = ctx.clock.now();
  await ctx.store.record({ at: now, door: ENROL_DOOR, componentType: ctx.componentType, domain: ctx.domain, userId, serialNo: serial,
    status: 'SUCCESS', statusCode: 0, sourceAddress: req.socket.remoteAddress ?? null, detail: username });
  const token = ctx.random.bytes(18).toString('base64url');
  await ctx.store.create({ key: bearerKey(HASHQR_KIND, token), kind: 'door-state', userRef: null, authenticatorRef: null, componentType: ctx.componentType,
    createdAt: now, expiresAt: now + HASHQR_TTL_MS, payload: { serial, label: username }, state: 'open' });
  return { status: 200, verdict: true, body: {
    response: 'User created', userid: userId, success: true, hash: encodeBase32(secret),
    hashqr: `${publicBase(ctx, req)}/hashqr/${token}.png`,
  } };
}

async function validate(ctx: RestContext, req: IncomingMessage, p: Params): Promise<Answer> {
  const userId = (p.userid ?? '').trim();
  if (!userId || !p.token) return fail('Missing argument: userid and token', 'validation');
  const outcome = await ctx.engine.authUser({
    componentType: ctx.componentType, userId, domain: ctx.domain, passwordFormat: 'combined', password: p.token,
    door: 'rest', sourceAddress: req.socket.remoteAddress,
  });
  noteOutcome(noteOf(req), outcome);
  const ok = outcome.status === 'SUCCESS';
  const limited = outcome.status === 'RATE_LIMITED' ? { status: 429, retryAfterS: outcome.retryAfterS ?? 1 } : { status: 200 };
  return { ...limited, verdict: ok, body: {
    response: ok ? 'Token valid' : `Token not valid (${ctx.catalogue[outcome.reported].name})`, userid: userId, validation: ok,
  } };
}

async function listUsers(ctx: RestContext, p: Params): Promise<Answer> {
  if (p.action !== 'listusers') return fail('Unknown action', 'success');
  const entries = await ctx.store.listAudit({ door: ENROL_DOOR, status: 'SUCCESS', limit: 1_000_000 });
  const users: Value[] = entries.map((e) => ({ userid: e.userId ?? '', username: e.detail ?? '', registered: new Date(e.at).toISOString() }));
  const lines = entries.map((e) => `${e.userId ?? ''}\n`).join('');
  return { status: 200, body: users, verdict: lines };
}

const ROUTES: Record<string, { key: 'success' | 'validation'; run(ctx: RestContext, req: IncomingMessage, p: Params): Promise<Answer> }> = {
  '/createuser': { key: 'success', run: createUser },
  '/validate': { key: 'validation', run: validate },
  '/api.php': { key: 'success', run: (ctx, _req, p) => listUsers(ctx, p) },
};

/** Answers /createuser, /validate and /api.php; false when the path is none of them. */
export function handleAppliance(ctx: RestContext, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const route = ROUTES[url.pathname];
  if (!route) return false;
  const fallbackFormat = url.pathname === '/api.php' ? '1' : undefined;
  const format = parseFormat(url.searchParams.get('format') ?? fallbackFormat);
  if (req.method !== 'GET' && req.method !== 'POST') { send(res, format, fail('Use GET or POST', route.key, 405)); return true; }
  let fmt = format;
  const work = async (): Promise<Answer> => {
    const p = await gather(ctx, req, url);
    fmt = parseFormat(p.format ?? fallbackFormat);
    if (!(await ctx.apiKeys.accepts(p.api_key))) return fail('Invalid API key', route.key);
    return route.run(ctx, req, p);
  };
  work()
    .then((a) => send(res, fmt, a))
    .catch((err: unknown) => {
      if (!(err instanceof BodyError)) ctx.log.error({ error: { message: (err as Error)?.message } }, 'REST appliance request failed');
      const status = err instanceof BodyError ? (err.kind === 'too-large' ? 413 : 200) : 500;
      if (!res.headersSent) send(res, fmt, fail(err instanceof BodyError ? err.message : 'Internal error', route.key, status));
    });
  return true;
}

const HASHQR_ROUTE = /^\/hashqr\/([A-Za-z0-9_-]{10,64})\.png$/;

/** GET /hashqr/<token>.png: the QR image of an enrolled TOTP's otpauth:// URI. */
export function handleHashQr(ctx: RestContext, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const m = HASHQR_ROUTE.exec(url.pathname);
  if (!m && !url.pathname.startsWith('/hashqr/')) return false;
  const notFound = () => { res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }); res.end('not found\n'); };
  if (!m || req.method !== 'GET') { notFound(); return true; }
  (async () => {
    const rec = await ctx.store.find(bearerKey(HASHQR_KIND, m[1]!));
    if (!rec || rec.kind !== 'door-state' || rec.expiresAt <= ctx.clock.now()) return notFound();
    const auth = await ctx.store.findBySerial(String(rec.payload.serial));
    if (!auth || auth.kind !== 'totp') return notFound();
    const uri = otpauthUri({ kind: 'totp', issuer: ctx.issuer, label: String(rec.payload.label), secret: auth.secret,
      algorithm: auth.algorithm, digits: auth.digits, period: auth.period });
    const png = await QRCode.toBuffer(uri, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length, 'Cache-Control': 'no-store' });
    res.end(png);
  })().catch((err: unknown) => {
    ctx.log.error({ error: { message: (err as Error)?.message } }, 'hashqr failed');
    if (!res.headersSent) { res.writeHead(500); res.end(); }
  });
  return true;
}
