// One SOAP request body → one reply (soap-wire.md §1, §3): size and Content-Type checks, charset
// decoding, envelope parsing, dispatch on the Body element (never SOAPAction), and one catch that
// turns refusals into Client Faults and anything unexpected into a generic Server Fault. The answer is
// in the request's SOAP version; before the envelope is read, application/soap+xml means SOAP 1.2.
import type { AdminServices } from '../../admin/services.js';
import type { StatusCatalogue } from '../../domain/status.js';
import type { AuthEngine } from '../../engine/engine.js';
import type { ActiveLimit } from '../../runtime/active-limit.js';
import type { RequestNote } from '../../runtime/request-log.js';
import { ACCEPTED_MEDIA_TYPES, MISSING_CONTENT_TYPE_ACCEPTED, SERVER_FAULT_MESSAGE } from './decisions.js';
import { decodeBody } from './codec/charset.js';
import { encodeFault } from './codec/encode.js';
import { parseEnvelope, type SoapVersion } from './codec/envelope.js';
import { clientFault, SoapFault, type FaultCode } from './codec/fault.js';
import { asSoap12, encodeFault12, fault12Status, SOAP12_CONTENT_TYPE } from './codec/soap12.js';
import type { OperationRegistry } from './operations/operation.js';

/** What the door may log: fixed tags and numbers, never request content. */
export interface SoapLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SoapCore {
  readonly engine: AuthEngine;
  readonly catalogue: StatusCatalogue;
  readonly maxBodyBytes: number;
  readonly operations: OperationRegistry;
  readonly log: SoapLog;
  readonly admin?: AdminServices;
  /** Hears of each request refused with a Client Fault, by its reason tag (the soap-refused metric). */
  readonly refused?: (reason: string) => void;
  /** Requests worked on at once; the others wait in arrival order (runtime/active-limit.ts). */
  readonly active: ActiveLimit;
}

export interface RequestMeta {
  readonly sourceAddress?: string;
  /** The request log's note (src/runtime/request-log.ts): the operation and how it ended. */
  readonly note?: RequestNote;
  /** Called when the call is held for a device's answer (the door's active-request place goes). */
  readonly held?: () => void;
}

export interface SoapReply {
  readonly status: number;
  readonly body: string;
  /** Set for SOAP 1.2 answers (application/soap+xml); otherwise text/xml. */
  readonly contentType?: string;
}

export async function handleBody(core: SoapCore, body: Buffer, contentType: string | undefined, meta: RequestMeta): Promise<SoapReply> {
  let operation: string | undefined;
  let version: SoapVersion = mediaVersion(contentType);
  const note = meta.note;
  if (note) { note.door = 'soap'; note.operation = 'unknown'; }
  try {
    if (body.length > core.maxBodyBytes) throw tooLarge(core.maxBodyBytes);
    const text = decodeBody(body, contentTypeCharset(contentType));
    const request = parseEnvelope(text, (name) => core.operations.get(name));
    ({ operation, version } = request);
    if (note) note.operation = operation;
    const ctx = { engine: core.engine, catalogue: core.catalogue, sourceAddress: meta.sourceAddress, admin: core.admin, note, held: meta.held };
    const answer = await core.operations.get(operation)!.handle(request, ctx);
    return version === '1.2' ? { status: 200, body: asSoap12(answer), contentType: SOAP12_CONTENT_TYPE } : { status: 200, body: answer };
  } catch (e) {
    // A foreign envelope namespace says nothing about the sender's version: answer as SOAP 1.1 (§4.4.1).
    const v = e instanceof SoapFault && e.faultcode === 'SOAP-ENV:VersionMismatch' ? '1.1' : version;
    return faultReply(core, e, operation, meta, v);
  }
}

/** SOAP 1.2's media type announces a SOAP 1.2 sender before its envelope is read. */
export const mediaVersion = (contentType: string | undefined): SoapVersion =>
  (/^\s*application\/soap\+xml\s*(;|$)/i.test(contentType ?? '') ? '1.2' : '1.1');

/** A Fault in the given SOAP version: HTTP status, body and content type. */
export function faultAnswer(faultcode: FaultCode, faultstring: string, version: SoapVersion): SoapReply {
  if (version === '1.2') return { status: fault12Status(faultcode), body: encodeFault12(faultcode, faultstring), contentType: SOAP12_CONTENT_TYPE };
  return { status: 500, body: encodeFault(faultcode, faultstring) };
}

export const tooLarge = (max: number): SoapFault => clientFault('too-large', `Request body larger than ${max} bytes`);

/** The last accepted Content-Type and its charset: clients send the same header with every request. */
let lastAccepted: { readonly header: string; readonly charset: string | undefined } | undefined;

/** Checks the media type and returns the charset parameter, if any. */
export function contentTypeCharset(header: string | undefined): string | undefined {
  if (header !== undefined && header === lastAccepted?.header) return lastAccepted.charset;
  const charset = parseContentType(header);
  if (header !== undefined) lastAccepted = { header, charset };
  return charset;
}

function parseContentType(header: string | undefined): string | undefined {
  const [media, ...params] = (header ?? '').split(';');
  const type = media.trim().toLowerCase();
  if (type === '' && MISSING_CONTENT_TYPE_ACCEPTED) return undefined;
  if (!ACCEPTED_MEDIA_TYPES.includes(type)) {
    throw clientFault('content-type', `Unsupported Content-Type "${type.slice(0, 60)}": send text/xml or application/xml`);
  }
  const charset = params.map((p) => p.split('=')).find(([k]) => k.trim().toLowerCase() === 'charset');
  return charset?.[1]?.trim().replace(/^"(.*)"$/, '$1');
}

function faultReply(core: SoapCore, e: unknown, operation: string | undefined, meta: RequestMeta, version: SoapVersion): SoapReply {
  const { log } = core;
  const note = meta.note;
  if (e instanceof SoapFault) {
    core.refused?.(e.reason);
    if (note) { note.status = e.faultcode === 'SOAP-ENV:Client' ? 'SOAP_FAULT_CLIENT' : 'SOAP_FAULT_SERVER'; note.detail = e.reason; }
    log.warn({ fault: e.faultcode, reason: e.reason, sourceAddress: meta.sourceAddress }, 'SOAP request refused');
    return faultAnswer(e.faultcode, e.faultstring, version);
  }
  const err = e instanceof Error ? e : new Error(String(e));
  if (note) note.status = 'SOAP_FAULT_SERVER';
  log.error({ operation, sourceAddress: meta.sourceAddress, error: { name: err.name, message: err.message, stack: err.stack } }, 'SOAP request failed');
  return faultAnswer('SOAP-ENV:Server', SERVER_FAULT_MESSAGE, version);
}
