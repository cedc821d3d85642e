// Test support for the REST MFA API (other-frontends.md §3): JSON calls checked against /openapi.json,
// static passwords for demo users, and the JPEG barcode decoded (jpeg-js + jsQR).
import jpeg from 'jpeg-js';
import jsQRModule from 'jsqr';
import { Argon2Hasher } from '../../../../src/store/hasher.js';
import type { E2E } from '../../../e2e/support.js';
import { call, checkSchema } from '../support.js';

export interface Answer { status: number; type: string; body: Record<string, unknown>; headers: Headers }

export interface CallOptions { token?: string; raw?: string; type?: string | null; accept?: string; method?: string }

/** POSTs JSON; the answer must parse and match the route's 200 schema or MfaError. */
export async function api(e: E2E, doc: unknown, path: string, body: unknown, opts: CallOptions = {}, ok = 'MfaToken'): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.type !== null) headers['content-type'] = opts.type ?? 'application/json';
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.accept !== undefined) headers.accept = opts.accept;
  const method = opts.method ?? 'POST';
  const init: RequestInit = { method, headers, ...(method === 'POST' && (opts.raw !== undefined || body !== undefined) ? { body: opts.raw ?? JSON.stringify(body) } : {}) };
  const res = await fetch(`${e.url}${path.replace(/^\//, '')}`, init);
  const text = await res.text();
  const parsed = JSON.parse(text) as Record<string, unknown>;
  checkSchema(doc, res.status === 200 ? ok : 'MfaError', parsed);
  expect200Type(res);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: parsed, headers: res.headers };
}

function expect200Type(res: Response): void {
  if (!(res.headers.get('content-type') ?? '').startsWith('application/json')) throw new Error(`not JSON: ${res.headers.get('content-type')}`);
}

export async function openapi(e: E2E): Promise<unknown> {
  return JSON.parse((await call(`${e.url}openapi.json`)).text);
}

const hasher = new Argon2Hasher({ memoryCost: 1024, timeCost: 1 });

/** Gives a demo user a static password (the seed has one only for alice.static). */
export async function setPassword(e: E2E, userId: string, password: string): Promise<void> {
  const store = e.running.app.store;
  const user = await store.findUser('master', userId);
  if (!user) throw new Error(`no user ${userId}`);
  await store.setStaticPassword(user.id, await hasher.hash(password));
}

export async function lockCount(e: E2E, userId: string): Promise<{ lockCount: number; locked: boolean }> {
  const user = await e.running.app.store.findUser('master', userId);
  return { lockCount: user!.lockCount, locked: user!.locked };
}

const jsQR = jsQRModule as unknown as (data: Uint8ClampedArray, w: number, h: number) => { data: string } | null;

/** The text of the QR code in a base64 JPEG. */
export function decodeBarcode(base64: string): string | undefined {
  const img = jpeg.decode(Buffer.from(base64, 'base64'), { useTArray: true, formatAsRGBA: true });
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data;
}
