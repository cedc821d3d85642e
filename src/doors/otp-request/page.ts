// The OTP request page (docs/virtual-otp.md), like the vendor's Virtual Mobile Authenticator OTP Request
// Website: GET /otp-request shows a form (username, password, commit, replay_token); POST asks the engine
// to send an OTP. The answer is the same whether the user exists, the password is right or the account
// can receive one (only a refused rate limit and a failed delivery after a right password differ). CSRF:
// replay_token must equal the SameSite=Strict cookie set with the form, and a foreign Origin is refused.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthOutcome } from '../../domain/request.js';
import type { InvalidRequest } from '../../engine/engine.js';
import type { OtpRequest } from '../../engine/request-otp.js';

export const OTP_REQUEST_PATH = '/otp-request';
const COOKIE = 'cs_otp_request';
const MAX_BODY = 4096;
const DOOR = 'otp-request';

export interface OtpPageOptions {
  readonly request: (r: OtpRequest | InvalidRequest) => Promise<AuthOutcome>;
  readonly componentType: string;
  readonly tls: boolean;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const SENT = 'If the user name and password are right and this account can receive one, a one-time password is on its way. Use it to log on as usual.';

function page(token: string, message?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Request a one-time password</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>body{font:16px sans-serif;max-width:28em;margin:3em auto;padding:0 1em}label,input{display:block;width:100%;margin:.3em 0}input{padding:.4em}p.note{background:#eef;padding:.6em}</style></head>
<body><h1>Request a one-time password</h1>${message ? `<p class="note" role="status">${esc(message)}</p>` : ''}
<form method="post" action="${OTP_REQUEST_PATH}" autocomplete="off"><label for="username">User Name</label><input id="username" name="username" maxlength="255" required>
<label for="password">Password</label><input id="password" name="password" type="password" maxlength="128" required>
<input type="hidden" name="replay_token" value="${esc(token)}"><input type="submit" name="commit" value="Request OTP"></form></body></html>`;
}

function send(res: ServerResponse, status: number, body: string, token: string | undefined, tls: boolean, extra: Record<string, string> = {}): void {
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'", ...extra,
  };
  if (token) headers['Set-Cookie'] = `${COOKIE}=${token}; Path=${OTP_REQUEST_PATH}; HttpOnly; SameSite=Strict${tls ? '; Secure' : ''}`;
  res.writeHead(status, headers);
  res.end(body);
}

const cookieOf = (req: IncomingMessage): string | undefined =>
  (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).find(([k]) => k === COOKIE)?.[1];

const same = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.length === b.length && a.length > 0 && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A foreign Origin (another site posting the form) is refused; none (old clients) passes on the token alone. */
function foreignOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return origin === 'null';
  try { return new URL(origin).host !== req.headers.host; } catch { return true; }
}

function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  return new Promise((done) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => { size += c.length; if (size <= MAX_BODY) chunks.push(c); });
    req.on('end', () => done(size > MAX_BODY ? undefined : new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', () => done(undefined));
  });
}

function messageOf(o: AuthOutcome): { status: number; text: string; retry?: string } {
  if (o.status === 'RATE_LIMITED') return { status: 429, text: `Too many requests; try again in ${o.retryAfterS ?? 60} seconds.`, retry: String(o.retryAfterS ?? 60) };
  if (o.status === 'COMMS') return { status: 503, text: 'The one-time password could not be sent just now; try again later or call your help desk.' };
  return { status: 200, text: SENT };
}

async function post(opts: OtpPageOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const next = randomBytes(24).toString('base64url');
  const form = await readForm(req);
  if (!form || foreignOrigin(req) || !same(form.get('replay_token') ?? undefined, cookieOf(req))) {
    send(res, 403, page(next, 'The form expired or came from another site; send it again.'), next, opts.tls);
    return;
  }
  const userId = (form.get('username') ?? '').trim();
  const password = form.get('password') ?? '';
  if (userId === '' || userId.length > 255 || password.length > 128) {
    send(res, 200, page(next, 'Enter your user name (at most 255 characters) and password (at most 128).'), next, opts.tls);
    return;
  }
  const at = userId.lastIndexOf('@');
  const [user, domain] = at > 0 ? [userId.slice(0, at), userId.slice(at + 1)] : [userId, undefined];
  const outcome = await opts.request({ componentType: opts.componentType, userId: user, domain, password, sourceAddress: req.socket.remoteAddress, door: DOOR });
  const m = messageOf(outcome);
  send(res, m.status, page(next, m.text), next, opts.tls, m.retry ? { 'Retry-After': m.retry } : {});
}

/** The page's handler: true when it answered (its path), false for every other path. */
export function createOtpRequestPage(opts: OtpPageOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== OTP_REQUEST_PATH) return false;
    if (req.method === 'GET' || req.method === 'HEAD') {
      const token = randomBytes(24).toString('base64url');
      send(res, 200, req.method === 'HEAD' ? '' : page(token), token, opts.tls);
    } else if (req.method === 'POST') {
      void post(opts, req, res).catch(() => { if (!res.headersSent) { res.writeHead(500, { 'Content-Type': 'text/plain' }); } res.end('Internal error\n'); });
    } else {
      res.writeHead(405, { Allow: 'GET, HEAD, POST', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed: GET shows the form, POST sends it\n');
    }
    return true;
  };
}
