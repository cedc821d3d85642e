// Helpers for the record/replay tests: SOAP envelopes as clients and servers write them, a fake
// upstream server answering fixed envelopes, temporary folders and case copies.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NS = 'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
  + 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:aut="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication"';

export const attr = (id: string, value: string, type = 'string'): string =>
  `<attributes><value xsi:type="xsd:${type}">${value}</value><attributeID>${id}</attributeID></attributes>`;

/** A client request: `<aut:op><credentialAttributeSet>attrs</credentialAttributeSet></aut:op>`. */
export function requestXml(op: string, attrs: string[], extra = ''): string {
  return `<soapenv:Envelope ${NS}>\n  <soapenv:Header/>\n  <soapenv:Body>\n    <aut:${op}>${extra}\n      <credentialAttributeSet>\n        `
    + `${attrs.join('\n        ')}\n      </credentialAttributeSet>\n    </aut:${op}>\n  </soapenv:Body>\n</soapenv:Envelope>\n`;
}

export const authUser = (user: string, password: string): string => requestXml('authUser', [
  attr('CREDFLD_COMPONENT_TYPE', 'SOAP Auth Client'), attr('CREDFLD_USERID', user),
  attr('CREDFLD_PASSWORD_FORMAT', '0', 'unsignedInt'), attr('CREDFLD_PASSWORD', password),
]);

const RNS = 'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
  + 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:AUTH-TYPES="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication"';

/** A server answer in the IDENTIKEY shape, with the given status and result attributes. */
export function responseXml(op: string, status: { enum: string; code: number }, attrs: string[] = []): string {
  const ok = status.code === 0;
  const errors = ok ? '<errorStack/>' : `<errorStack><errors><errorCode>${status.code}</errorCode><errorDesc>text</errorDesc></errors></errorStack>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope ${RNS}><SOAP-ENV:Body><AUTH-TYPES:${op}Response><results>`
    + `<resultCodes><returnCodeEnum>${ok ? 'RET_SUCCESS' : 'RET_FAILURE'}</returnCodeEnum><statusCodeEnum>${status.enum}</statusCodeEnum>`
    + `<returnCode>${ok ? 0 : -1}</returnCode><statusCode>${status.code}</statusCode></resultCodes>`
    + `<resultAttribute>${attrs.join('')}</resultAttribute>${errors}</results></AUTH-TYPES:${op}Response></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

export interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }

export interface FakeUpstream { readonly url: string; readonly seen: Seen[]; close(): Promise<void> }

/** A node:http server that records what it receives and answers with `answer`. */
export async function fakeUpstream(answer: (req: Seen, res: ServerResponse) => void): Promise<FakeUpstream> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(s);
      answer(s, res);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`, seen,
    close: () => { const done = new Promise((ok) => server.close(ok)); server.closeAllConnections(); return done.then(() => undefined); },
  };
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `countersign-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function copyTree(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}
