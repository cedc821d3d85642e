// PSKC export (issue 5; RFC 6030): authenticators as a KeyContainer of version 1.0, one KeyPackage each
// (DeviceInfo/SerialNo, Key Id and Algorithm URN, ResponseFormat, Counter or Time/TimeInterval/TimeDrift).
// Secrets are encrypted under a pre-shared key (§6.1) or a PBKDF2 password key (§6.2) with an HMAC-SHA256
// ValueMAC and an encrypted MACKey (§6.1.1), or written as PlainValue only when the caller asks for it.
import type { Authenticator } from '../domain/model.js';
import type { Randomness } from '../engine/ports.js';
import { cbcUriFor, deriveKey, DSIG_MORE, encrypt, hmac, PBKDF2_URI } from './pskc-crypto.js';
import { escapeXml } from './pskc-xml.js';
import { PSKC_URN } from './import-pskc.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';

/** How secrets are written: under a pre-shared key, under a password-derived key, or in clear. */
export type ExportProtection = { readonly psk: Buffer } | { readonly password: string; readonly iterations?: number } | 'plain';

export interface PskcExportOptions {
  /** The serials to export (all authenticators when absent or empty). */
  readonly serials?: readonly string[];
  readonly protection: ExportProtection;
}

export interface PskcExport {
  readonly xml: string;
  readonly exported: readonly string[];
  readonly skipped: readonly { readonly serial: string; readonly reason: string }[];
}

/** PBKDF2 iterations of a password-protected export unless told otherwise. */
export const DEFAULT_ITERATIONS = 100_000;

const MAC_URI = `${DSIG_MORE}hmac-sha256`;
const NS = `xmlns:pskc="${PSKC_URN}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"`;
const NS_PBE = 'xmlns:xenc11="http://www.w3.org/2009/xmlenc11#" xmlns:pkcs5="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#"';

const b64 = (b: Buffer): string => b.toString('base64');
const cipherXml = (uri: string, data: Buffer): string =>
  `<xenc:EncryptionMethod Algorithm="${uri}"/><xenc:CipherData><xenc:CipherValue>${b64(data)}</xenc:CipherValue></xenc:CipherData>`;

interface Sealer {
  /** Namespaces, EncryptionKey and MACMethod of the container. */
  readonly head: { readonly ns: string; readonly xml: string };
  /** The content of a Secret element. */
  seal(plain: Buffer): string;
}

function encryptingSealer(key: Buffer, random: Randomness, keyXml: string, ns: string): Sealer | string {
  const uri = cbcUriFor(key.length);
  if (!uri) return 'the pre-shared key must be 16, 24 or 32 bytes (32, 48 or 64 hex digits)';
  const macKey = random.bytes(32);
  const macXml = `<pskc:MACMethod Algorithm="${MAC_URI}"><pskc:MACKey>${cipherXml(uri, encrypt(uri, key, macKey, random.bytes(16)))}</pskc:MACKey></pskc:MACMethod>`;
  return {
    head: { ns, xml: `<pskc:EncryptionKey>${keyXml}</pskc:EncryptionKey>${macXml}` },
    seal: (plain) => {
      const data = encrypt(uri, key, plain, random.bytes(16));
      return `<pskc:EncryptedValue>${cipherXml(uri, data)}</pskc:EncryptedValue><pskc:ValueMAC>${b64(hmac('sha256', macKey, data))}</pskc:ValueMAC>`;
    },
  };
}

function sealerFor(p: ExportProtection, random: Randomness): Sealer | string {
  if (p === 'plain') return { head: { ns: NS, xml: '' }, seal: (plain) => `<pskc:PlainValue>${b64(plain)}</pskc:PlainValue>` };
  if ('psk' in p) return encryptingSealer(p.psk, random, '<ds:KeyName>Pre-shared-key</ds:KeyName>', NS);
  if (p.password.length === 0) return 'the password must not be empty';
  const params = { salt: random.bytes(16), iterations: p.iterations ?? DEFAULT_ITERATIONS, keyLength: 32, prf: MAC_URI };
  const derived = `<xenc11:DerivedKey><xenc11:KeyDerivationMethod Algorithm="${PBKDF2_URI}"><pkcs5:PBKDF2-params>`
    + `<Salt><Specified>${b64(params.salt)}</Specified></Salt><IterationCount>${params.iterations}</IterationCount>`
    + `<KeyLength>${params.keyLength}</KeyLength><PRF Algorithm="${params.prf}"/></pkcs5:PBKDF2-params></xenc11:KeyDerivationMethod></xenc11:DerivedKey>`;
  return encryptingSealer(deriveKey(p.password, params), random, derived, `${NS} ${NS_PBE}`);
}

const plainValue = (name: string, v: number): string => `<pskc:${name}><pskc:PlainValue>${v}</pskc:PlainValue></pskc:${name}>`;

/** Algorithm URN, AlgorithmParameters and the non-secret Data of one authenticator. */
function describe(a: Authenticator): { urn: string; params: string; data: string } {
  const response = `<pskc:ResponseFormat Length="${a.digits}" Encoding="DECIMAL"/>`;
  const hash = a.algorithm === 'SHA1' ? '' : `<pskc:Suite>HMAC-${a.algorithm}</pskc:Suite>`;
  if (a.kind === 'hotp') return { urn: `${PSKC_URN}:hotp`, params: hash + response, data: plainValue('Counter', a.lastStep + 1) };
  if (a.kind === 'totp') {
    const drift = a.drift === 0 ? '' : plainValue('TimeDrift', a.drift);
    return { urn: `${PSKC_URN}#totp`, params: hash + response, data: plainValue('Time', 0) + plainValue('TimeInterval', a.period) + drift };
  }
  const suite = escapeXml(a.ocraSuite ?? '');
  const counter = /^OCRA-1:[^:]+:C-/.test(suite) ? plainValue('Counter', a.lastStep + 1) : '';
  return { urn: `${PSKC_URN}#${suite}`, params: `<pskc:Suite>${suite}</pskc:Suite>${response}`, data: counter };
}

function keyPackage(a: Authenticator, sealer: Sealer): string {
  const serial = escapeXml(a.serial);
  const d = describe(a);
  return `  <pskc:KeyPackage>\n    <pskc:DeviceInfo><pskc:SerialNo>${serial}</pskc:SerialNo></pskc:DeviceInfo>\n`
    + `    <pskc:Key Id="${serial}" Algorithm="${d.urn}">\n      <pskc:AlgorithmParameters>${d.params}</pskc:AlgorithmParameters>\n`
    + `      <pskc:Data><pskc:Secret>${sealer.seal(a.secret)}</pskc:Secret>${d.data}</pskc:Data>\n    </pskc:Key>\n  </pskc:KeyPackage>\n`;
}

/** The named authenticators (NOT_FOUND for an unknown serial), or all of them in serial order. */
async function chosen(svc: AdminServices, serials: readonly string[]): Promise<AdminResult<Authenticator[]>> {
  const out: Authenticator[] = [];
  if (serials.length > 0) {
    for (const serial of new Set(serials)) {
      const a = await svc.store.findBySerial(serial);
      if (!a) return fail('NOT_FOUND', `No authenticator with serial number ${serial}`);
      out.push(a);
    }
    return succeed(out);
  }
  for (let page = await svc.store.listAuthenticators(0, 500); page.length > 0; page = await svc.store.listAuthenticators(out.length, 500)) {
    out.push(...page);
    if (page.length < 500) break;
  }
  return succeed(out);
}

/** Writes the chosen authenticators as one PSKC document; push devices are skipped (no PSKC algorithm). */
export async function exportPskc(svc: AdminServices, o: PskcExportOptions): Promise<AdminResult<PskcExport>> {
  const sealer = sealerFor(o.protection, svc.random);
  if (typeof sealer === 'string') return fail('INVDATA', sealer);
  const list = await chosen(svc, o.serials ?? []);
  if (!list.ok) return list;
  const exported: string[] = [];
  const skipped: { serial: string; reason: string }[] = [];
  let body = '';
  for (const a of list.value) {
    if (a.kind === 'push' || (a.kind === 'ocra' && !a.ocraSuite)) {
      skipped.push({ serial: a.serial, reason: `${a.kind === 'push' ? 'a push device' : 'an OCRA authenticator without a suite'} has no PSKC algorithm` });
      continue;
    }
    body += keyPackage(a, sealer);
    exported.push(a.serial);
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<pskc:KeyContainer Version="1.0" ${sealer.head.ns}>\n${sealer.head.xml ? `  ${sealer.head.xml}\n` : ''}${body}</pskc:KeyContainer>\n`;
  return succeed({ xml, exported, skipped });
}
