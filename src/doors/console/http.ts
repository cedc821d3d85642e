// HTTP edge of the console's JSON API (issue 21): the one error shape `{status, statusCode, message}`,
// an admin use case's refusal mapped to its HTTP status, JSON bodies read within a size limit. Every
// answer is `no-store` and carries the console's security headers. Nothing here logs a body or a header.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminResult } from '../../admin/services.js';
import type { StatusCatalogue, StatusKey } from '../../domain/status.js';
import { BodyError, readBody } from '../rest/params.js';

/** A refusal answered as `{status, statusCode, message}` with this HTTP status. */
export class ConsoleError extends Error {
  constructor(readonly http: number, readonly status: StatusKey, message: string, readonly errors?: readonly { field: string; message: string }[]) {
    super(message);
  }
}

export interface Reply { readonly http: number; readonly body: unknown; readonly headers?: Record<string, string> }

/** HTTP status of an admin refusal: the client's fault (4xx) in every case the use cases name. */
const HTTP_OF: Partial<Record<StatusKey, number>> = {
  MISSINGFLD: 400, INVDATA: 400, INVPARAM: 400, NOT_FOUND: 404, USER_UNKNOWN: 404, EXISTS: 409, DIGIPASS_NOT_AVAILABLE: 409,
  ERROR: 409, PERMISSION: 403, LOCKED: 403, INVCREDENTIALS: 401, ADMIN_SESSION_STOPPED: 401, RATE_LIMITED: 429,
};

export const httpOf = (status: StatusKey): number => HTTP_OF[status] ?? 500;

/** Headers of every console answer: no caching, no sniffing, no framing, no referrer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer', 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Resource-Policy': 'same-origin',
});

export function sendJson(res: ServerResponse, r: Reply): void {
  const text = JSON.stringify(r.body);
  res.writeHead(r.http, {
    ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text),
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'", ...r.headers,
  });
  res.end(text);
}

export const errorBody = (catalogue: StatusCatalogue, status: StatusKey, message: string, errors?: readonly unknown[]) => ({
  status: catalogue[status].name, statusCode: catalogue[status].code, message, ...(errors && errors.length > 0 ? { errors } : {}),
});

export function errorReply(catalogue: StatusCatalogue, e: ConsoleError): Reply {
  return { http: e.http, body: errorBody(catalogue, e.status, e.message, e.errors) };
}

/** A use case's result: its value (200, or `created`) or its refusal with the mapped HTTP status. */
export function resultReply<T>(catalogue: StatusCatalogue, result: AdminResult<T>, shape: (v: T) => unknown = (v) => v, created = false): Reply {
  if (!result.ok) return { http: httpOf(result.status), body: errorBody(catalogue, result.status, result.detail) };
  return { http: created ? 201 : 200, body: shape(result.value) };
}

const mediaType = (req: IncomingMessage): string => (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/** A JSON object body: 413 past the limit, 415 for another Content-Type, 400 when not a JSON object. */
export async function readJsonObject(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  if (mediaType(req) !== 'application/json') throw new ConsoleError(415, 'INVDATA', 'Content-Type must be application/json');
  let body: Buffer;
  try { body = await readBody(req, maxBytes); } catch (e) {
    if (e instanceof BodyError) throw new ConsoleError(413, 'INVDATA', e.message);
    throw e;
  }
  let value: unknown;
  try { value = JSON.parse(body.toString('utf8')); } catch { throw new ConsoleError(400, 'INVDATA', 'The body is not valid JSON'); }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ConsoleError(400, 'INVDATA', 'The body must be a JSON object');
  return value as Record<string, unknown>;
}

/** A query parameter as a whole number within bounds, or the default. */
export function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConsoleError(400, 'INVDATA', `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** A query parameter, or undefined when absent or empty. */
export const textParam = (url: URL, name: string): string | undefined => {
  const v = url.searchParams.get(name);
  return v === null || v === '' ? undefined : v;
};
