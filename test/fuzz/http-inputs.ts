// Generated HTTP requests for the fuzzers (issue 16): request lines (methods, targets, versions),
// headers (framing, duplicates, control characters, sizes) and bodies, from a seeded generator. Each
// input also says whether the client half-closes after sending (most do) or keeps the socket open,
// which leaves the server's timeouts to close it.
import type { Rng } from './prng.js';

export interface HttpInput { readonly bytes: Buffer; readonly halfClose: boolean }

const METHODS = ['GET', 'POST', 'GET', 'POST', 'GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'PRI', 'get', 'G\u00c9T', 'X'.repeat(40), ''];
const TARGETS = [
  '/', '//', '///', '//@', '//[::1', '/\\', '\\', 'http://', 'https://', 'http://[', 'http://a/', 'http://a:99999/', 'ftp://a/', '*',
  '/?wsdl', '/?wsdl=Administration', '/wsdl/x.xsd', '/wsdl/../../etc/passwd', '/authentication', '/authentication/otp', '/authentication/otp/initialize',
  '/validate', '/createuser', '/api.php?action=listusers', '/hashqr/abc', '/openapi.json', '/radius', '/device/VDS0000004/pending',
  '/device/%zz/approve', '/console', '/console/', '/console/assets/app/main.js', '/console/api/session', '/console/api/users/%zz/x',
  '/console/api/audit/live', '/console/api/imports?format=csv', '/%', '/%zz', '/%00', '/%c0%af', '/%ed%a0%80', '/?%', '/?a=%zz&b', '/#frag', '/a?b#c', '@', ':', '[', '',
];
const PIECES = ['/', '//', '\\', '%', '%2F', '%zz', '?', '&', '=', '#', '@', ':', '[', ']', '..', '.', 'a', '\u00e9', '\ud83d\ude00', '~', ';', ','];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.2', 'HTTP/11', 'HTTP', 'http/1.1', ''];
const TYPES = ['text/xml; charset=utf-8', 'application/json', 'application/x-www-form-urlencoded', 'text/xml; charset=utf-16', 'text/xml; charset=bogus', 'multipart/form-data; boundary=x', ''];
const BODIES = [
  '', '{}', '{"username":"jane.doe","password":"x"}', '{"a":', '[]', 'null', '"\\ud800"', 'a=b&c=%zz', 'api_key=x&username=jane.doe&password=1',
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body/></soapenv:Envelope>', '<a', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>',
];

function target(r: Rng): string {
  if (r.chance(0.6)) return r.pick(TARGETS);
  const parts = Array.from({ length: 1 + r.int(8) }, () => r.pick(PIECES));
  return (r.chance(0.8) ? '/' : '') + parts.join('');
}

function headerLines(r: Rng, body: Buffer): string[] {
  const lines: string[] = [];
  if (r.chance(0.9)) lines.push(`Host: ${r.chance(0.7) ? 'localhost' : r.pick(['a', 'localhost:8888', '', '[::1]', 'a b', '\u00e9', 'x'.repeat(300)])}`);
  if (r.chance(0.2)) lines.push('Host: second');
  const framing = r.int(6);
  if (framing === 0) lines.push(`Content-Length: ${body.length}`);
  if (framing === 1) lines.push(`Content-Length: ${r.pick([body.length + 1 + r.int(100), 0, -1, 99999999999, '1, 2', 'abc', ''])}`);
  if (framing === 2) lines.push('Transfer-Encoding: chunked');
  if (framing === 3) lines.push(`Transfer-Encoding: ${r.pick(['gzip', 'chunked, chunked', 'identity', ''])}`, `Content-Length: ${body.length}`);
  if (r.chance(0.5)) lines.push(`Content-Type: ${r.pick(TYPES)}`);
  if (r.chance(0.2)) lines.push(`Connection: ${r.pick(['close', 'keep-alive', 'upgrade', 'Upgrade, HTTP2-Settings'])}`);
  if (r.chance(0.1)) lines.push(`Upgrade: ${r.pick(['websocket', 'h2c'])}`);
  if (r.chance(0.1)) lines.push('Expect: 100-continue');
  if (r.chance(0.2)) lines.push(`Accept: ${r.pick(['application/json', 'text/html', '*/*;q=0', ';;;', 'application/json;q=abc'])}`);
  if (r.chance(0.1)) lines.push(`Authorization: Bearer ${r.pick(['', 'x', 'a b', '\u00e9'])}`);
  if (r.chance(0.1)) lines.push(`X-API-Key: ${r.pick(['', 'x', '%zz'])}`);
  if (r.chance(0.05)) lines.push(`X-Big: ${'a'.repeat(r.pick([100, 8000, 17000]))}`);
  if (r.chance(0.05)) lines.push(r.pick(['NoColon', ' leading: space', 'Bad\u0000Name: x', 'X: a\rb', 'X:\u0001', ': empty']));
  return lines;
}

function chunked(r: Rng, body: Buffer): Buffer {
  if (r.chance(0.2)) return Buffer.from(r.pick(['zz\r\n', '5\r\nab\r\n', `${(body.length + 5).toString(16)}\r\n`, 'ffffffffffffffff\r\n', '0\r\n']));
  return Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
}

/** One generated request; mostly well-framed with odd parts, sometimes broken on purpose. */
export function httpInput(r: Rng): HttpInput {
  const body = r.chance(0.1) ? r.bytes(r.int(300)) : Buffer.from(r.pick(BODIES));
  const line = `${r.pick(METHODS)} ${target(r)} ${r.pick(VERSIONS)}`.replace(r.chance(0.05) ? / /g : /^$/, r.pick(['  ', '\t', '']));
  const headers = headerLines(r, body);
  const eol = r.chance(0.05) ? '\n' : '\r\n';
  const head = Buffer.from([line, ...headers].join(eol) + eol + eol, r.chance(0.5) ? 'utf8' : 'latin1');
  const framed = headers.some((h) => /^(Content-Length|Transfer-Encoding):/.test(h));
  const framedBody = headers.includes('Transfer-Encoding: chunked') ? chunked(r, body) : framed || r.chance(0.2) ? body : Buffer.alloc(0);
  let bytes: Buffer = Buffer.concat([head, framedBody]);
  if (r.chance(0.05)) bytes = bytes.subarray(0, r.int(bytes.length));
  if (r.chance(0.03)) bytes = Buffer.concat([bytes, bytes]);
  if (r.chance(0.02)) bytes = r.bytes(r.int(2000));
  return { bytes, halfClose: r.chance(0.9) };
}
