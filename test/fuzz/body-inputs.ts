// Generated request bodies for `npm run fuzz` (issue 16): mutations of a valid authUser envelope
// (byte flips, cuts, repeated slices, odd markup: deep nesting, many attributes, entities, DOCTYPE,
// other namespaces, control characters) POSTed to the SOAP endpoint, and JSON or form bodies for the
// REST doors. Each is framed as a well-formed HTTP POST, so every one deserves an answer.
import { authUserEnvelope } from '../e2e/support.js';
import type { Rng } from './prng.js';

const CLIENT = { CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_PASSWORD_FORMAT: '0' };
const USERS = ['jane.doe', 'john.smith', 'nobody', '', 'a'.repeat(300), '<x>', '\u00e9\u00e8', 'admin'];

const INSERTS = [
  '<', '>', '&', '&amp;', '&#0;', '&#xD800;', '&undefined;', ']]>', '<![CDATA[x]]>', '<!-- c -->', '<?pi x?>', '\u0000', '\u0001', '\uFEFF',
  '<!DOCTYPE a [<!ENTITY e "x">]>', 'xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope"', 'xmlns="urn:bogus"', ' a="1" a="2"',
  '<attributes><value xsi:type="xsd:string">x</value><attributeID>CREDFLD_USERID</attributeID></attributes>', 'xsi:type="xsd:unknown"',
];

function mutate(r: Rng, text: string): string {
  const at = r.int(text.length + 1);
  switch (r.int(8)) {
    case 0: return text.slice(0, at);
    case 1: return text.slice(0, at) + r.pick(INSERTS) + text.slice(at);
    case 2: { const end = Math.min(text.length, at + r.int(200)); return text.slice(0, end) + text.slice(at, end).repeat(1 + r.int(20)) + text.slice(end); }
    case 3: return text.slice(0, at) + String.fromCharCode(r.int(0x300)) + text.slice(at + 1);
    case 4: return text.replace('<credentialAttributeSet>', `<credentialAttributeSet>${'<a>'.repeat(r.int(3000))}`);
    case 5: return text.replace('<aut:authUser>', `<aut:authUser ${Array.from({ length: r.int(3000) }, (_, i) => `a${i}=""`).join(' ')}>`);
    case 6: return text.slice(0, at) + text.slice(at + r.int(50));
    default: return text.replaceAll('soapenv:', r.pick(['soap:', 'SOAP-ENV:', '', 'x:']));
  }
}

function post(path: string, type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`POST ${path} HTTP/1.1\r\nHost: fuzz\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`), body]);
}

/** A mutated authUser envelope, 1 to 3 mutations deep, within the default 64 KiB body limit. */
export function soapInput(r: Rng): { bytes: Buffer; halfClose: boolean } {
  let text = authUserEnvelope({ ...CLIENT, CREDFLD_USERID: r.pick(USERS), CREDFLD_PASSWORD: String(r.int(1e6)).padStart(6, '0') });
  for (let i = 1 + r.int(3); i > 0; i--) text = mutate(r, text);
  const encoding = r.chance(0.9) ? 'utf8' : r.pick(['latin1', 'utf16le'] as const);
  const body = Buffer.from(text, encoding).subarray(0, 65_000);
  return { bytes: post(r.pick(['/', '/', '/soap', '//']), r.pick(['text/xml; charset=utf-8', 'text/xml', 'application/soap+xml', 'text/xml; charset=utf-16']), body), halfClose: r.chance(0.5) };
}

const REST_PATHS = ['/authentication', '/authentication/otp', '/authentication/otp/initialize', '/validate', '/createuser', '/radius', '/api.php?action=listusers'];
const VALUES: readonly unknown[] = ['jane.doe', '', 0, -1, 1e308, 12345678901234567890, true, null, [], {}, 'x'.repeat(5000), '\ud800', '\u0000', { $ne: 1 }, ['a', 'b']];
const KEYS = ['username', 'password', 'otp', 'pin', 'token', 'type', 'domain', 'email', 'phone', 'api_key', '__proto__', 'constructor', ''];

/** Percent-encodes every byte (encodeURIComponent throws on a lone surrogate). */
const pct = (s: string): string => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

function jsonValue(r: Rng, depth: number): unknown {
  if (depth > 0 && r.chance(0.3)) return Object.fromEntries(Array.from({ length: r.int(6) }, () => [r.pick(KEYS), jsonValue(r, depth - 1)]));
  return r.pick(VALUES);
}

/** A JSON or form body to a REST path: valid shapes with odd values, deep nesting, or broken text. */
export function restInput(r: Rng): { bytes: Buffer; halfClose: boolean } {
  let text: string;
  const kind = r.int(4);
  if (kind === 0) text = JSON.stringify(jsonValue(r, 4)) ?? '';
  else if (kind === 1) text = '['.repeat(r.int(20_000)) + ']'.repeat(r.int(20_000));
  else if (kind === 2) text = Array.from({ length: 1 + r.int(8) }, () => `${r.pick(KEYS)}=${pct(String(r.pick(VALUES)))}${r.pick(['', '%', '%zz', '&&'])}`).join('&');
  else text = mutate(r, JSON.stringify({ username: r.pick(USERS), password: 'x', otp: String(r.int(1e6)) }));
  const type = kind === 2 ? 'application/x-www-form-urlencoded' : r.pick(['application/json', 'application/json; charset=utf-8', 'text/plain', '']);
  return { bytes: post(r.pick(REST_PATHS), type, Buffer.from(text.slice(0, 65_000))), halfClose: r.chance(0.5) };
}
