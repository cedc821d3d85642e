// Turns one captured POST exchange into a recorded case, or says why it is not recorded (issue 9):
// both bodies must be complete SOAP envelopes (else: passed through, not recorded); the operation,
// user and status are read from them; secrets are masked in the copies unless kept.
import type { CaseMeta, CaseStatus, RecordedCase } from './case-writer.js';
import { maskSecrets } from './mask.js';
import { requestInfo, responseInfo, type ResponseInfo } from './soap-info.js';
import { charsetOf, parseXml, XmlError } from './xml.js';

export interface Captured {
  readonly started: number;
  readonly finished: number;
  readonly upstream: string;
  readonly path: string;
  readonly requestHeaders: Readonly<Record<string, string | string[] | undefined>>;
  readonly request: Buffer;
  readonly requestComplete: boolean;
  readonly httpStatus: number;
  readonly responseContentType: string | undefined;
  readonly response: Buffer;
  readonly responseBytes: number;
  readonly responseComplete: boolean;
}

export type Verdict = { readonly record: RecordedCase } | { readonly skip: string };

const header = (v: string | string[] | undefined): string | null => (Array.isArray(v) ? v.join(', ') : v ?? null);

/** meta.json's status block for an answer. */
export function statusOf(http: number, info: ResponseInfo): CaseStatus {
  if (info.fault) return { http, fault: info.fault.code, faultstring: info.fault.string };
  const c = info.codes ?? {};
  return { http, return: c.returnEnum, returnCode: c.returnCode, enum: c.statusEnum, code: c.statusCode };
}

const parse = (body: Buffer, contentType: string | undefined) => parseXml(body.toString(charsetOf(body, contentType)));

/** Decides whether the exchange is recorded and builds the case (masked unless `keepSecrets`). */
export function toCase(x: Captured, keepSecrets: boolean): Verdict {
  if (!x.requestComplete) return { skip: 'request body over the recording cap' };
  if (!x.responseComplete) return { skip: `response of ${x.responseBytes} bytes is over the recording cap` };
  const requestType = header(x.requestHeaders['content-type']) ?? undefined;
  let request, response;
  try {
    request = requestInfo(parse(x.request, requestType));
  } catch (e) {
    if (e instanceof XmlError) return { skip: `not SOAP: the request ${e.message}` };
    throw e;
  }
  try {
    response = responseInfo(parse(x.response, x.responseContentType));
  } catch (e) {
    if (e instanceof XmlError) return { skip: `the upstream answer (HTTP ${x.httpStatus}) ${e.message}` };
    throw e;
  }
  const req = keepSecrets ? { body: x.request, count: 0 } : maskSecrets(x.request);
  const res = keepSecrets ? { body: x.response, count: 0 } : maskSecrets(x.response);
  const meta: CaseMeta = {
    time: new Date(x.started).toISOString(), operation: request.operation, user: request.user ?? null,
    status: statusOf(x.httpStatus, response), upstream: x.upstream, path: x.path,
    request: { contentType: requestType ?? null, soapAction: header(x.requestHeaders.soapaction) },
    response: { contentType: x.responseContentType ?? null, bytes: x.responseBytes },
    durationMs: x.finished - x.started, secrets: keepSecrets ? 'kept' : 'masked', maskedValues: req.count + res.count,
  };
  return { record: { meta, request: req.body, response: res.body } };
}
