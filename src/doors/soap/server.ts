// The SOAP door on node:http (soap-wire.md §1): WSDL and XSDs on GET, SOAP on POST to any path, body
// read with the size limit enforced while streaming, replies as `text/xml; charset=utf-8`.
// `handleSoapBody` is the same pipeline without sockets, for golden tests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { AdminServices } from '../../admin/services.js';
import type { StatusCatalogue } from '../../domain/status.js';
import type { AuthEngine } from '../../engine/engine.js';
import { noteOf, sourceAddress } from '../../runtime/request-log.js';
import { createActiveLimit, DEFAULT_MAX_ACTIVE, type ActiveLimit } from '../../runtime/active-limit.js';
import { DEFAULT_MAX_BODY_BYTES } from './decisions.js';
import { encodeFault } from './codec/encode.js';
import { faultAnswer, handleBody, mediaVersion, tooLarge, type RequestMeta, type SoapCore, type SoapLog, type SoapReply } from './body.js';
import { defaultOperations } from './operations/index.js';
import type { OperationRegistry } from './operations/operation.js';
import { baseUrl, loadWsdlFiles, wsdlDocument, type WsdlFiles } from './wsdl-files.js';

export type { RequestMeta, SoapLog, SoapReply } from './body.js';

export interface SoapDoorOptions {
  readonly engine: AuthEngine;
  readonly catalogue: StatusCatalogue;
  readonly maxBodyBytes?: number;
  /** Folder holding Authentication.wsdl, Administration.wsdl and their XSDs; without it GET ?wsdl answers 404. */
  readonly wsdlDir?: string;
  /** Operations by Body element name; default: every operation of ./operations. */
  readonly operations?: OperationRegistry;
  readonly log?: SoapLog;
  /** Store, clock, randomness and hasher for the administration operations (logon, userExecute, ...). */
  readonly admin?: AdminServices;
  /** Hears of each request refused with a SOAP Fault, by its reason tag (the soap-refused metric). */
  readonly refused?: (reason: string) => void;
  /** Requests worked on at once (XML, engine, store, answer), shared with the other doors; more wait in arrival order. */
  readonly active?: ActiveLimit;
}

export interface SoapHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** The POST pipeline without sockets: body bytes and Content-Type in, HTTP status and XML out. */
  handleSoapBody(body: Buffer, contentType: string | undefined, meta?: RequestMeta): Promise<SoapReply>;
}

const XML_TYPE = 'text/xml; charset=utf-8';
const silent: SoapLog = { warn: () => undefined, error: () => undefined };

export function createSoapHandler(opts: SoapDoorOptions): SoapHandler {
  const core: SoapCore = {
    engine: opts.engine, catalogue: opts.catalogue, maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    operations: opts.operations ?? defaultOperations(), log: opts.log ?? silent, admin: opts.admin,
    refused: opts.refused, active: opts.active ?? createActiveLimit(DEFAULT_MAX_ACTIVE),
  };
  const wsdl = opts.wsdlDir ? loadWsdlFiles(opts.wsdlDir, opts.catalogue) : new Map<string, string>();
  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    route(core, wsdl, req, res).catch((e: unknown) => {
      core.log.error({ error: { name: (e as Error)?.name, message: (e as Error)?.message } }, 'SOAP transport error');
      if (!res.headersSent) send(res, 500, XML_TYPE, encodeFault('SOAP-ENV:Server', 'Internal server error'));
      else res.destroy();
    });
  }) as SoapHandler;
  handler.handleSoapBody = (body, contentType, meta = {}) => handleBody(core, body, contentType, meta);
  return handler;
}

async function route(core: SoapCore, wsdl: WsdlFiles, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (req.method === 'POST') return post(core, req, res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'text/plain; charset=utf-8', 'Use POST for SOAP requests, GET ?wsdl for the WSDL.\n', { Allow: 'GET, HEAD, POST' });
  }
  const base = baseUrl(req.headers.host, Boolean((req.socket as TLSSocket).encrypted));
  const doc = wsdlDocument(wsdl, path, q < 0 ? '' : url.slice(q + 1), base);
  if (doc !== undefined) return send(res, 200, XML_TYPE, doc);
  if (url === '/') return send(res, 200, 'text/plain; charset=utf-8', 'Countersign SOAP endpoint: POST SOAP 1.1 requests to any path; WSDL at /?wsdl (administration: /?wsdl=Administration)\n');
  send(res, 404, 'text/plain; charset=utf-8', 'Not found. The WSDL is at /?wsdl (administration: /?wsdl=Administration)\n');
}

async function post(core: SoapCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const meta = { sourceAddress: sourceAddress(req), note: noteOf(req) };
  const declared = Number(req.headers['content-length'] ?? 0);
  const body = declared > core.maxBodyBytes ? undefined : await readBody(req, core.maxBodyBytes);
  if (body === undefined) {
    core.refused?.('too-large');
    if (meta.note) Object.assign(meta.note, { door: 'soap', operation: 'unknown', status: 'SOAP_FAULT_CLIENT', detail: 'too-large' });
    core.log.warn({ fault: 'SOAP-ENV:Client', reason: 'too-large', sourceAddress: meta.sourceAddress }, 'SOAP request refused');
    const fault = faultAnswer('SOAP-ENV:Client', tooLarge(core.maxBodyBytes).faultstring, mediaVersion(req.headers['content-type']));
    return send(res, fault.status, fault.contentType ?? XML_TYPE, fault.body, { Connection: 'close' });
  }
  const entered = core.active.enter();
  const leave = typeof entered === 'function' ? entered : await entered;
  try {
    const reply = await handleBody(core, body, req.headers['content-type'], { ...meta, held: leave });
    send(res, reply.status, reply.contentType ?? XML_TYPE, reply.body);
  } finally { leave(); }
}

/** Reads the body, or stops at the limit and answers undefined (the rest is never buffered). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Buffer | undefined): void => {
      req.off('data', onData).off('end', onEnd).off('error', reject).on('error', ignore);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) return done(undefined);
      chunks.push(chunk);
    };
    const onEnd = (): void => done(Buffer.concat(chunks, size));
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

const ignore = (): void => undefined;

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
