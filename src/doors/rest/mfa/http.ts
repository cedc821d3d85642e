// HTTP edge of the MFA initialisation API (spec: other-frontends.md §3): content negotiation, JSON
// bodies validated against the OpenAPI request schemas (ajv), and the one error shape
// `{id, message, errors?}`. Nothing here logs a body, a header value or a token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { BodyError, readBody } from '../params.js';
import { MFA_SCHEMAS } from './openapi.js';

export interface FieldError { readonly field: string; readonly message: string }

/** A refusal the route answers as `{id, message, errors?}` with this HTTP status. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly id: string, message: string, readonly errors?: readonly FieldError[],
    readonly retryAfterS?: number) { super(message); }
}

/** `retryAfterS` is sent as Retry-After (429: rate limited). */
export interface Reply { readonly status: number; readonly body: unknown; readonly retryAfterS?: number }

export function sendJson(res: ServerResponse, r: Reply): void {
  const text = JSON.stringify(r.body);
  const close = r.status === 413 ? { Connection: 'close' } : {};
  res.writeHead(r.status, {
    'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...close,
    ...(r.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="countersign"' } : {}),
    ...(r.retryAfterS !== undefined ? { 'Retry-After': String(r.retryAfterS) } : {}),
  });
  res.end(text);
}

export const errorReply = (e: ApiError): Reply => ({
  status: e.status, retryAfterS: e.retryAfterS,
  body: { id: e.id, message: e.message, ...(e.errors && e.errors.length > 0 ? { errors: e.errors } : {}) },
});

/** Absent, `application/json`, `application/*` or `*\/*` (with q > 0) are answered; anything else is 406. */
export function acceptsJson(req: IncomingMessage): boolean {
  const raw = req.headers.accept;
  if (raw === undefined || raw.trim() === '') return true;
  return raw.split(',').some((range) => {
    const [type, ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) return false;
    return type === 'application/json' || type === 'application/*' || type === '*/*';
  });
}

const mediaType = (req: IncomingMessage): string => (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

type SchemaName = 'MfaLoginRequest' | 'MfaInitializeRequest' | 'MfaOtpRequest';
/**
 * The request validators, built on the first body that needs one: importing ajv and compiling the
 * three schemas takes about 100 ms of CPU, which every server start paid whether or not this API is used.
 */
let validators: Promise<Record<SchemaName, ValidateFunction>> | undefined;
const validatorsOnce = (): Promise<Record<SchemaName, ValidateFunction>> => (validators ??= import('ajv').then(({ Ajv }) => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return Object.fromEntries((['MfaLoginRequest', 'MfaInitializeRequest', 'MfaOtpRequest'] as const)
    .map((name) => [name, ajv.compile(MFA_SCHEMAS[name])])) as Record<SchemaName, ValidateFunction>;
}));

function fieldOf(e: ErrorObject): string {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'required') return [path, String((e.params as { missingProperty: string }).missingProperty)].filter(Boolean).join('.');
  return path || '(body)';
}

const messageOf = (e: ErrorObject): string => (e.keyword === 'required' ? 'is required' : e.message ?? 'is not valid');

/**
 * Reads and validates a JSON body: 413 past the size limit, 415 for another Content-Type, 400 for
 * malformed JSON, 422 with `errors` when the value breaks the schema. An empty body is `{}` when
 * `optional` (POST /authentication/otp/initialize), whatever its Content-Type.
 */
export async function readJson<T>(req: IncomingMessage, maxBytes: number, schema: SchemaName, optional = false): Promise<T> {
  let body: Buffer;
  try { body = await readBody(req, maxBytes); } catch (err) {
    if (err instanceof BodyError && err.kind === 'too-large') throw new ApiError(413, 'payload-too-large', err.message);
    throw err;
  }
  const empty = body.length === 0;
  if (empty && optional) return validated<T>(schema, {});
  if (mediaType(req) !== 'application/json') throw new ApiError(415, 'unsupported-media-type', 'Content-Type must be application/json');
  if (empty) throw new ApiError(400, 'malformed-json', 'the body is empty: send a JSON object');
  let value: unknown;
  try { value = JSON.parse(body.toString('utf8')); } catch { throw new ApiError(400, 'malformed-json', 'the body is not valid JSON'); }
  return validated<T>(schema, value);
}

async function validated<T>(schema: SchemaName, value: unknown): Promise<T> {
  const validate = (await validatorsOnce())[schema];
  if (validate(value)) return value as T;
  const errors = (validate.errors ?? []).map((e) => ({ field: fieldOf(e), message: messageOf(e) }));
  throw new ApiError(422, 'validation-failed', 'the request body is not valid', errors);
}
