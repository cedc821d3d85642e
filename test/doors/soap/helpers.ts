// Test helpers for the SOAP door: a recording fake engine, a capturing logger, request builders.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { AuthOutcome, AuthRequest, ChallengeRequest, PasswordChangeRequest } from '../../../src/domain/request.js';
import { applyStatusOverrides } from '../../../src/domain/status.js';
import type { AuthEngine, InvalidRequest } from '../../../src/engine/engine.js';
import { createSoapHandler, type SoapLog } from '../../../src/doors/soap/server.js';

export const catalogue = applyStatusOverrides({});

export class FakeEngine implements AuthEngine {
  readonly seen: (AuthRequest | InvalidRequest)[] = [];
  constructor(private readonly answer: (r: AuthRequest | InvalidRequest) => AuthOutcome = echoOutcome) {}
  async authUser(request: AuthRequest | InvalidRequest): Promise<AuthOutcome> {
    this.seen.push(request);
    return this.answer(request);
  }
  async getChallenge(request: ChallengeRequest | InvalidRequest): Promise<AuthOutcome> {
    this.seen.push(request as unknown as AuthRequest);
    return this.answer(request as unknown as AuthRequest);
  }
  async updatePassword(request: PasswordChangeRequest | InvalidRequest): Promise<AuthOutcome> {
    this.seen.push(request as unknown as AuthRequest);
    return this.answer(request as unknown as AuthRequest);
  }
  get last(): AuthRequest | InvalidRequest {
    if (this.seen.length === 0) throw new Error('the engine was not called');
    return this.seen[this.seen.length - 1];
  }
}

/** Success for valid requests, the refusal itself for invalid ones (as the real engine does). */
export function echoOutcome(r: AuthRequest | InvalidRequest): AuthOutcome {
  if ('invalid' in r) return { status: r.invalid, reported: r.invalid, userId: r.userId, domain: r.domain, detail: r.detail };
  return { status: 'SUCCESS', reported: 'SUCCESS', userId: r.userId, domain: r.domain ?? 'master' };
}

export class CapturingLog implements SoapLog {
  readonly lines: string[] = [];
  warn(obj: object, msg: string): void { this.lines.push(JSON.stringify({ level: 'warn', msg, ...obj })); }
  error(obj: object, msg: string): void { this.lines.push(JSON.stringify({ level: 'error', msg, ...obj })); }
}

export interface Attr { id: string; value: string; type?: string }

export const attr = (id: string, value: string, type = 'xsd:string'): Attr => ({ id, value, type });

/** The usual authUser attributes for jane.doe, format 0. */
export function janeAttrs(password = '123456'): Attr[] {
  return [
    attr('CREDFLD_COMPONENT_TYPE', 'Web Portal'),
    attr('CREDFLD_USERID', 'jane.doe'),
    attr('CREDFLD_PASSWORD_FORMAT', '0', 'xsd:unsignedInt'),
    attr('CREDFLD_PASSWORD', password),
  ];
}

const attrXml = (a: Attr): string =>
  `<attributes><value xsi:type="${a.type}">${a.value}</value><attributeID>${a.id}</attributeID></attributes>`;

/** A soapUI-style authUser request (the shape of soap-wire.md §3). */
export function authUserXml(attrs: Attr[] = janeAttrs()): string {
  return '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"'
    + ' xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    + ' xmlns:aut="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication">'
    + `<soapenv:Header/><soapenv:Body><aut:authUser><credentialAttributeSet>${attrs.map(attrXml).join('')}`
    + '</credentialAttributeSet></aut:authUser></soapenv:Body></soapenv:Envelope>';
}

/** Pulls one element's text out of a response (enough for assertions on our own flat output). */
export function textOf(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`).exec(xml);
  return m?.[1];
}

/** Attribute IDs of a response's resultAttribute, in order. */
export const resultIds = (xml: string): string[] => [...xml.matchAll(/<attributeID>([^<]+)<\/attributeID>/g)].map((m) => m[1]);

/** The project's wsdl/ folder (this file runs from dist/test/doors/soap/). */
export const WSDL_DIR = fileURLToPath(new URL('../../../../wsdl/', import.meta.url));

/** The handler on a free local port, with the project's wsdl/ folder. */
export async function listen(engine: FakeEngine, opts: { maxBodyBytes?: number } = {}): Promise<{ server: Server; url: string }> {
  const server = createServer(createSoapHandler({ engine, catalogue, wsdlDir: WSDL_DIR, ...opts }));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export const close = (server: Server) => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); });

