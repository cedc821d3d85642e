// The four answer formats of the appliance-style Web API (spec: other-frontends.md §2): `1` JSON,
// `2` XML, `3` plain text (`true`/`false`), `0` (default) PHP-serialized data.
import { escapeXml } from '../../domain/text.js';

export type Format = 'php' | 'json' | 'xml' | 'plain';
export type Scalar = string | number | boolean;
export type Value = Scalar | Value[] | { [k: string]: Value };

export function parseFormat(raw: string | undefined): Format {
  switch ((raw ?? '').trim()) {
    case '1': return 'json';
    case '2': return 'xml';
    case '3': return 'plain';
    default: return 'php';
  }
}

export const CONTENT_TYPES: Record<Format, string> = {
  php: 'text/plain; charset=utf-8', json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8', plain: 'text/plain; charset=utf-8',
};

/** PHP serialize(): strings are measured in UTF-8 bytes; lists become integer-keyed arrays. */
export function phpSerialize(v: Value): string {
  if (typeof v === 'boolean') return `b:${v ? 1 : 0};`;
  if (typeof v === 'number') return Number.isInteger(v) ? `i:${v};` : `d:${v};`;
  if (typeof v === 'string') return `s:${Buffer.byteLength(v, 'utf8')}:"${v}";`;
  const entries: [string | number, Value][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  const body = entries.map(([k, x]) => (typeof k === 'number' ? `i:${k};` : phpSerialize(k)) + phpSerialize(x)).join('');
  return `a:${entries.length}:{${body}}`;
}


function xmlValue(name: string, v: Value): string {
  if (Array.isArray(v)) return `<${name}>${v.map((x) => xmlValue('item', x)).join('')}</${name}>`;
  if (typeof v === 'object') return `<${name}>${Object.entries(v).map(([k, x]) => xmlValue(k, x)).join('')}</${name}>`;
  return `<${name}>${escapeXml(String(v))}</${name}>`;
}

/** Encodes an answer; `plain` is the verdict alone (`true`/`false`), or the given text (listusers). */
export function encode(format: Format, body: Value, verdict: boolean | string): string {
  switch (format) {
    case 'json': return JSON.stringify(body);
    case 'xml': return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlValue('result', body)}\n`;
    case 'plain': return typeof verdict === 'string' ? verdict : verdict ? 'true' : 'false';
    case 'php': return phpSerialize(body);
  }
}
