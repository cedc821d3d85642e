// Reading a REST request at the edge (spec: other-frontends.md §2, §4): a size-limited body, form or
// JSON fields, and the query string merged into one parameter map. Nothing here logs a value.
import type { IncomingMessage } from 'node:http';

export class BodyError extends Error {
  constructor(readonly kind: 'too-large' | 'malformed' | 'content-type', message: string) { super(message); }
}

/** Reads the body; BodyError 'too-large' past the limit (the rest is never buffered). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => { req.off('data', onData).off('end', onEnd).off('error', reject).on('error', ignore); };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) { stop(); reject(tooLarge(maxBytes)); } else chunks.push(chunk);
    };
    const onEnd = (): void => { stop(); resolve(Buffer.concat(chunks, size)); };
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

const ignore = (): void => undefined;
const tooLarge = (max: number) => new BodyError('too-large', `request body larger than ${max} bytes`);

const mediaType = (req: IncomingMessage): string => (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/** Parses a JSON object body; BodyError for another content type or malformed JSON. */
export function parseJsonObject(req: IncomingMessage, body: Buffer): Record<string, unknown> {
  if (mediaType(req) !== 'application/json') throw new BodyError('content-type', 'Content-Type must be application/json');
  let parsed: unknown;
  try { parsed = JSON.parse(body.toString('utf8')); } catch { throw new BodyError('malformed', 'the body is not valid JSON'); }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BodyError('malformed', 'the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** Form or JSON body fields as strings (the appliance API accepts both); empty for other bodies. */
export function bodyFields(req: IncomingMessage, body: Buffer): Record<string, string> {
  if (body.length === 0) return {};
  const type = mediaType(req);
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  if (type === 'application/json') {
    const obj = parseJsonObject(req, body);
    return Object.fromEntries(Object.entries(obj)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      .map(([k, v]) => [k, String(v)]));
  }
  throw new BodyError('content-type', 'send form fields or JSON');
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
  return m?.[1];
}
