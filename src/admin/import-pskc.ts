// PSKC import (issue 5 "Import"; RFC 6030): plain-value HOTP and TOTP key packages become unassigned
// authenticators, each package written whole or not at all; an encrypted secret, an unknown algorithm
// or a missing field is refused naming the package. DTDs are refused and entities never expanded.
import { readFile } from 'node:fs/promises';
import { XMLParser } from 'fast-xml-parser';
import type { NewAuthenticator } from '../store/store.js';
import { insert, type ImportSummary, type RowProblem } from './import-csv.js';
import type { AdminServices } from './services.js';

type Node = Record<string, unknown>;

const ALGORITHMS: Readonly<Record<string, 'hotp' | 'totp'>> = {
  'urn:ietf:params:xml:ns:keyprov:pskc:hotp': 'hotp',
  'urn:ietf:params:xml:ns:keyprov:pskc#hotp': 'hotp',
  'urn:ietf:params:xml:ns:keyprov:pskc:totp': 'totp',
  'urn:ietf:params:xml:ns:keyprov:pskc#totp': 'totp',
};

const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, processEntities: false, parseTagValue: false,
  isArray: (name) => name === 'KeyPackage' || name === 'Key',
});

const node = (v: unknown): Node | undefined => (v !== null && typeof v === 'object' ? (v as Node) : undefined);
const textOf = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : typeof node(v)?.['#text'] === 'string' ? String(node(v)!['#text']).trim() : undefined);
const at = (n: Node | undefined, ...path: string[]): unknown => path.reduce<unknown>((cur, k) => node(cur)?.[k], n);

/** One Key of a KeyPackage → the authenticator to create, or the reason it is refused. */
export function pskcKey(pkg: Node, key: Node): Omit<NewAuthenticator, 'userRef'> | string {
  const kind = ALGORITHMS[String(key['@Algorithm'] ?? '')];
  if (!kind) return 'the Key Algorithm is not HOTP or TOTP';
  const serial = textOf(at(pkg, 'DeviceInfo', 'SerialNo')) ?? String(key['@Id'] ?? '');
  if (!/^[\w.-]{1,64}$/.test(serial)) return 'DeviceInfo/SerialNo (or Key Id) must be 1 to 64 letters, digits, dots, dashes or underscores';
  if (at(key, 'Data', 'Secret', 'EncryptedValue') !== undefined) return 'the secret is encrypted: protected PSKC files are not supported yet';
  const b64 = textOf(at(key, 'Data', 'Secret', 'PlainValue'));
  if (!b64 || !/^[A-Za-z0-9+/=\s]+$/.test(b64)) return 'Data/Secret/PlainValue is missing or not base64';
  const secret = Buffer.from(b64, 'base64');
  if (secret.length < 10) return 'the secret is shorter than 10 bytes';
  const digits = Number(at(key, 'AlgorithmParameters', 'ResponseFormat', '@Length') ?? 6);
  if (![6, 7, 8].includes(digits)) return 'ResponseFormat Length must be 6, 7 or 8';
  const counter = Number(textOf(at(key, 'Data', 'Counter', 'PlainValue')) ?? 0);
  const period = Number(textOf(at(key, 'Data', 'TimeInterval', 'PlainValue')) ?? 30);
  if (!Number.isInteger(counter) || counter < 0 || !Number.isInteger(period) || period < 1 || period > 600) return 'Counter or TimeInterval is not valid';
  return kind === 'hotp' ? { serial, kind, secret, digits, lastStep: counter - 1 } : { serial, kind, secret, digits, period };
}

/** Imports every key package of a PSKC document; problems name the package (their `line` is 0). */
export async function importPskc(svc: AdminServices, path: string): Promise<ImportSummary> {
  const xml = await readFile(path, 'utf8');
  const counts = { imported: 0, skipped: 0, failed: 0 };
  const problems: RowProblem[] = [];
  let doc: Node;
  try {
    if (/<!DOCTYPE/i.test(xml)) throw new Error('a DTD is not allowed');
    doc = parser.parse(xml, true) as Node;
  } catch (e) {
    return { ...counts, failed: 1, problems: [{ line: 0, reason: `not a well-formed PSKC document: ${(e as Error).message.split('\n')[0]}` }] };
  }
  const packages = at(doc, 'KeyContainer', 'KeyPackage');
  if (!Array.isArray(packages)) return { ...counts, failed: 1, problems: [{ line: 0, reason: 'no KeyContainer/KeyPackage element' }] };
  for (const [i, pkg] of (packages as Node[]).entries()) {
    const key = (at(pkg, 'Key') as Node[] | undefined)?.[0];
    const row = key ? pskcKey(pkg, key) : 'the KeyPackage has no Key';
    if (typeof row === 'string') {
      counts.failed++;
      problems.push({ line: 0, reason: `KeyPackage ${i + 1}: ${row}` });
      continue;
    }
    await insert(svc, row, 0, counts, problems, `KeyPackage ${i + 1}: `);
  }
  return { ...counts, problems };
}
