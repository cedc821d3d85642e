// PSKC import (issue 5 "Import"; RFC 6030): HOTP, TOTP and OCRA key packages become unassigned
// authenticators, each package written whole or not at all. Secrets may be plain or encrypted with a
// pre-shared key (§6.1) or a password (§6.2, PBKDF2), MAC-checked before decryption (§6.1.1); a refusal
// names the package and its serial, never a secret. DTDs are refused and entities never expanded.
import type { HashAlgorithm } from '../domain/model.js';
import { parseOcraSuite } from '../otp/ocra-suite.js';
import type { NewAuthenticator } from '../store/store.js';
import { insert, ProblemList, type ImportSummary, type Progress } from './import-rows.js';
import { openValue, protectionOf, type KeySource, type PskcKeys, type Protection } from './pskc-protection.js';
import { eachKeyPackage, outlinePskc, PskcTooLargeError, type PskcOutline } from './pskc-stream.js';
import { at, attr, base64Of, textOf, type Node } from './pskc-xml.js';
import type { AdminServices } from './services.js';

export type { PskcKeys } from './pskc-protection.js';

export const PSKC_URN = 'urn:ietf:params:xml:ns:keyprov:pskc';

/** The import summary; `needs` says which key an encrypted document asks for when none was given. */
export interface PskcImportSummary extends ImportSummary {
  readonly needs?: KeySource;
}

type Row = Omit<NewAuthenticator, 'userRef'>;

const KINDS: Readonly<Record<string, 'hotp' | 'totp' | 'ocra'>> = {
  [`${PSKC_URN}:hotp`]: 'hotp', [`${PSKC_URN}#hotp`]: 'hotp',
  [`${PSKC_URN}:totp`]: 'totp', [`${PSKC_URN}#totp`]: 'totp',
  [`${PSKC_URN}:ocra`]: 'ocra', [`${PSKC_URN}#ocra`]: 'ocra',
};
const OCRA_IN_URN = /^urn:ietf:params:xml:ns:keyprov:pskc[#:](OCRA-1:.+)$/;

/** The kind and, for OCRA, the suite (in the Algorithm URN or AlgorithmParameters/Suite). */
function kindOf(key: Node): { kind: 'hotp' | 'totp' } | { kind: 'ocra'; suite: string } | string {
  const algorithm = attr(key, 'Algorithm') ?? '';
  const inUrn = OCRA_IN_URN.exec(algorithm);
  const kind = inUrn ? 'ocra' : KINDS[algorithm];
  if (!kind) return 'the Key Algorithm is not HOTP, TOTP or OCRA';
  if (kind !== 'ocra') return { kind };
  const suite = inUrn?.[1] ?? textOf(at(key, 'AlgorithmParameters', 'Suite'));
  return suite ? { kind, suite } : 'the OCRA suite is missing (in the Algorithm URN or AlgorithmParameters/Suite)';
}

/** HOTP/TOTP hash from AlgorithmParameters/Suite ("HMAC-SHA256", "SHA256", ...); SHA1 when absent. */
function hashOf(key: Node): { algorithm: HashAlgorithm } | string {
  const suite = textOf(at(key, 'AlgorithmParameters', 'Suite'));
  const m = suite === undefined ? ['', '1'] : /^(?:HMAC-)?SHA-?(1|256|512)$/i.exec(suite);
  return m ? { algorithm: `SHA${m[1]}` as HashAlgorithm } : `the Suite "${suite}" is not HMAC-SHA1, HMAC-SHA256 or HMAC-SHA512`;
}

/** An integer Data value (Counter, TimeInterval, TimeDrift), `fallback` when absent. */
function intOf(key: Node, name: string, fallback: number): number | string {
  const value = at(key, 'Data', name);
  if (value === undefined) return fallback;
  if (at(value, 'EncryptedValue') !== undefined) return `an encrypted ${name} is not supported`;
  const n = Number(textOf(at(value, 'PlainValue')));
  return Number.isSafeInteger(n) ? n : `Data/${name}/PlainValue is not an integer`;
}

function secretOf(key: Node, p: Protection | null): Buffer | string {
  const value = at(key, 'Data', 'Secret');
  let secret: Buffer | string | undefined;
  if (at(value, 'EncryptedValue') !== undefined) secret = p ? openValue(value, p) : 'the secret is encrypted';
  else secret = base64Of(at(value, 'PlainValue')) ?? 'Data/Secret/PlainValue is missing or not base64';
  if (typeof secret !== 'string' && secret.length < 10) return 'the secret is shorter than 10 bytes';
  return secret;
}

function shapeOf(key: Node): Omit<Row, 'serial' | 'secret'> | string {
  const k = kindOf(key);
  if (typeof k === 'string') return k;
  const counter = intOf(key, 'Counter', 0);
  if (typeof counter === 'string') return counter;
  if (counter < 0) return 'the Counter must not be negative';
  if (k.kind === 'ocra') {
    try {
      const s = parseOcraSuite(k.suite);
      return { kind: 'ocra', ocraSuite: s.text, digits: s.digits, algorithm: s.algorithm, lastStep: s.counter ? counter - 1 : -1 };
    } catch (e) {
      return (e as Error).message;
    }
  }
  const hash = hashOf(key);
  if (typeof hash === 'string') return hash;
  const digits = Number(attr(at(key, 'AlgorithmParameters', 'ResponseFormat'), 'Length') ?? 6);
  if (![6, 7, 8].includes(digits)) return 'ResponseFormat Length must be 6, 7 or 8';
  if (k.kind === 'hotp') return { kind: 'hotp', ...hash, digits, lastStep: counter - 1 };
  const period = intOf(key, 'TimeInterval', 30);
  if (typeof period === 'string') return period;
  if (period < 1 || period > 600) return 'TimeInterval must be 1 to 600 seconds';
  const drift = intOf(key, 'TimeDrift', 0);
  if (typeof drift === 'string') return drift;
  if (intOf(key, 'Time', 0) !== 0) return 'a Data/Time (T0) other than 0 is not supported';
  return { kind: 'totp', ...hash, digits, period, drift };
}

/** The serial of a package: DeviceInfo/SerialNo, else the Key Id. */
export const serialOf = (pkg: Node, key: Node | undefined): string => textOf(at(pkg, 'DeviceInfo', 'SerialNo')) ?? attr(key, 'Id') ?? '';

/** One Key of a KeyPackage → the authenticator to create, or the reason it is refused. */
export function pskcKey(pkg: Node, key: Node, protection: Protection | null = null): Row | string {
  const serial = serialOf(pkg, key);
  if (!/^[\w.-]{1,64}$/.test(serial)) return 'DeviceInfo/SerialNo (or Key Id) must be 1 to 64 letters, digits, dots, dashes or underscores';
  const shape = shapeOf(key);
  if (typeof shape === 'string') return shape;
  const secret = secretOf(key, protection);
  return typeof secret === 'string' ? secret : { serial, secret, ...shape };
}

const refused = (reason: string, needs?: KeySource): PskcImportSummary =>
  ({ imported: 0, skipped: 0, failed: 1, problems: [{ line: 0, reason }], ...(needs ? { needs } : {}) });

/** What importPskc may be told: the keys of an encrypted document, and a progress callback (packages done of total). */
export interface PskcImportOptions extends PskcKeys { readonly progress?: Progress }

/** The document's protection, after a first pass; a refusal (not well formed, no packages, key missing) as a summary. */
async function prepare(path: string, keys: PskcKeys): Promise<{ packages: number; protection: Protection | null } | PskcImportSummary> {
  let outline: PskcOutline;
  try {
    outline = await outlinePskc(path);
  } catch (e) {
    if (e instanceof PskcTooLargeError) return refused(`${e.message}; nothing was imported`);
    return refused(`not a well-formed PSKC document: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!outline.container || outline.packages === 0) return refused('no KeyContainer/KeyPackage element');
  if (!outline.encrypted) return { packages: outline.packages, protection: null };
  const p = protectionOf(outline.container, keys);
  return p.ok ? { packages: outline.packages, protection: p.protection } : refused(p.reason, p.needs);
}

/**
 * Imports every key package of a PSKC document; problems name the package number and serial (their
 * `line` is 0). The file is read twice, streamed both times: a first pass checks it is well formed,
 * counts its packages and finds its protection, so that a document that is not PSKC, or an encrypted
 * one without the key it needs or with an unsupported protection, is refused whole before anything is
 * written; the second pass writes one package at a time.
 */
export async function importPskc(svc: AdminServices, path: string, opts: PskcImportOptions = {}): Promise<PskcImportSummary> {
  const ready = await prepare(path, opts);
  if ('imported' in ready) return ready;
  const counts = { imported: 0, skipped: 0, failed: 0 };
  const problems = new ProblemList();
  opts.progress?.(0, ready.packages);
  await eachKeyPackage(path, async (pkg, i) => {
    const key = (at(pkg, 'Key') as Node[] | undefined)?.[0];
    const row = key ? pskcKey(pkg, key, ready.protection) : 'the KeyPackage has no Key';
    if (typeof row !== 'string') await insert(svc, row, 0, counts, problems, `KeyPackage ${i}: `);
    else {
      counts.failed++;
      const serial = serialOf(pkg, key);
      problems.push({ line: 0, ...(/^[\w.-]{1,64}$/.test(serial) ? { serial } : {}), reason: `KeyPackage ${i}: ${row}` });
    }
    opts.progress?.(i, ready.packages);
  });
  return problems.summary(counts);
}
