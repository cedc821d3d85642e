// PSKC (RFC 6030) XML plumbing shared by import and export: the tree shape the streaming reader
// (pskc-stream.ts) builds, small helpers to walk it, and text escaping.

/** An element: attributes as "@Name", children by local name (an array when repeated; Key always one), text as "#text". */
export type Node = Record<string, unknown>;

export const node = (v: unknown): Node | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined);

/** The trimmed text of an element (with or without attributes), or undefined. */
export function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  const t = node(v)?.['#text'];
  return typeof t === 'string' ? t.trim() : undefined;
}

export const at = (n: unknown, ...path: string[]): unknown => path.reduce<unknown>((cur, k) => node(cur)?.[k], n);

/** An attribute value as a trimmed string, or undefined. */
export function attr(n: unknown, name: string): string | undefined {
  const v = node(n)?.[`@${name}`];
  return typeof v === 'string' ? v.trim() : undefined;
}

/** Base64 text (whitespace allowed) as bytes, or undefined when absent or not base64. */
export function base64Of(v: unknown): Buffer | undefined {
  const t = textOf(v);
  if (!t || !/^[A-Za-z0-9+/=\s]+$/.test(t)) return undefined;
  return Buffer.from(t.replace(/\s+/g, ''), 'base64');
}

/** Escapes text for an XML element or a double-quoted attribute (what XML cannot carry becomes U+FFFD). */
export { escapeXml } from '../domain/text.js';
