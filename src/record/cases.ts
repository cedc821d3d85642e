// Reading case folders for replay (issue 9): golden cases (request.xml, response.xml, seed.json) and
// recordings (request.xml, response.xml, meta.json), in natural name order. Every defect (unknown file,
// missing or truncated XML, bad JSON) is a CaseError that names the case.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { requestInfo, responseInfo, type ResponseInfo } from './soap-info.js';
import { charsetOf, parseXml, XmlError, type Node } from './xml.js';
import { MASK } from './mask.js';

export const CASE_FILES = ['request.xml', 'response.xml', 'seed.json', 'meta.json'];

export class CaseError extends Error {
  constructor(readonly title: string, reason: string) {
    super(`${title}: ${reason}`);
    this.name = 'CaseError';
  }
}

export interface CaseRef { readonly title: string; readonly dir: string }

/** What replay uses of meta.json (a recording's). */
export interface ReplayMeta {
  readonly time?: string;
  readonly path?: string;
  readonly httpStatus?: number;
  readonly contentType?: string;
  readonly soapAction?: string;
}

export interface CaseSeed { readonly doc: Record<string, unknown>; readonly clock?: string; readonly contentType?: string }

export interface ReplayCase extends CaseRef {
  readonly request: Buffer;
  readonly operation: string;
  readonly expected?: { readonly body: Buffer; readonly tree: Node; readonly info: ResponseInfo };
  readonly seed?: CaseSeed;
  readonly meta?: ReplayMeta;
  /** The request carries masked secrets (a recording made without --keep-secrets). */
  readonly masked: boolean;
}

const natural = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** Every folder under `root` holding a request.xml, in natural order; hidden folders are skipped. */
export function findCaseDirs(root: string): CaseRef[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`${root}: no such folder`);
  const out: CaseRef[] = [];
  const walk = (d: string): void => {
    const names = readdirSync(d).filter((n) => !n.startsWith('.')).sort(natural);
    if (names.includes('request.xml')) { out.push({ title: relative(root, d).split(sep).join('/') || '.', dir: d }); return; }
    for (const n of names) if (statSync(join(d, n)).isDirectory()) walk(join(d, n));
  };
  walk(root);
  if (out.length === 0) throw new Error(`${root}: no case folders (folders holding a request.xml)`);
  return out;
}

function readXml(ref: CaseRef, file: string, contentType: string | undefined): { body: Buffer; tree: Node } {
  const body = readFileSync(join(ref.dir, file));
  const text = body.toString(charsetOf(body, contentType));
  try {
    return { body, tree: parseXml(text) };
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    const truncated = text.trim() !== '' && !text.trimEnd().endsWith('>') ? ' (the file looks truncated)' : '';
    throw new CaseError(ref.title, `${file} ${e.message}${truncated}`);
  }
}

function readJson(ref: CaseRef, file: string): Record<string, unknown> | undefined {
  const path = join(ref.dir, file);
  if (!existsSync(path)) return undefined;
  let v: unknown;
  try { v = JSON.parse(readFileSync(path, 'utf8')); } catch (e) {
    throw new CaseError(ref.title, `${file} is not valid JSON (${(e as Error).message})`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CaseError(ref.title, `${file} must hold a JSON object`);
  return v as Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function metaOf(raw: Record<string, unknown> | undefined): ReplayMeta | undefined {
  if (!raw) return undefined;
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? v as Record<string, unknown> : {});
  const http = obj(raw.status).http;
  return {
    time: str(raw.time), path: str(raw.path), httpStatus: typeof http === 'number' ? http : undefined,
    contentType: str(obj(raw.request).contentType), soapAction: typeof obj(raw.request).soapAction === 'string' ? obj(raw.request).soapAction as string : undefined,
  };
}

function seedOf(raw: Record<string, unknown> | undefined): CaseSeed | undefined {
  if (!raw) return undefined;
  const { $clock, $contentType, ...doc } = raw;
  return { doc, clock: str($clock), contentType: str($contentType) };
}

/** Reads and checks one case; `needExpected` false (replay --update) lets response.xml be missing. */
export function loadCase(ref: CaseRef, needExpected: boolean): ReplayCase {
  const unknown = readdirSync(ref.dir).filter((n) => !n.startsWith('.') && !CASE_FILES.includes(n));
  if (unknown.length > 0) throw new CaseError(ref.title, `unknown file(s) in the case folder: ${unknown.join(', ')} (expected ${CASE_FILES.join(', ')})`);
  const meta = metaOf(readJson(ref, 'meta.json'));
  const seed = seedOf(readJson(ref, 'seed.json'));
  const contentType = seed?.contentType ?? meta?.contentType;
  const request = readXml(ref, 'request.xml', contentType);
  let operation: string;
  try { operation = requestInfo(request.tree).operation; } catch (e) { throw new CaseError(ref.title, `request.xml ${(e as Error).message}`); }
  let expected: ReplayCase['expected'];
  if (existsSync(join(ref.dir, 'response.xml'))) {
    const got = readXml(ref, 'response.xml', undefined);
    try { expected = { ...got, info: responseInfo(got.tree) }; } catch (e) { throw new CaseError(ref.title, `response.xml ${(e as Error).message}`); }
  } else if (needExpected) {
    throw new CaseError(ref.title, 'response.xml is missing (replay --update writes it from the target)');
  }
  return { ...ref, request: request.body, operation, expected, seed, meta, masked: request.body.includes(MASK) };
}
