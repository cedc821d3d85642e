// What record and replay read from an IDENTIKEY envelope (issue 9; soap-wire.md §4): the operation
// (first element of Body), the user (CREDFLD_USERID or a typed userID element), the result codes of
// the answer, or its SOAP Fault.
import { CREDFLD } from '../doors/soap/codec/credfld.js';
import { child, descendants, soapOperation, XmlError, type Node } from './xml.js';

export interface ResultCodes {
  readonly returnEnum?: string;
  readonly returnCode?: number;
  readonly statusEnum?: string;
  readonly statusCode?: number;
}

export interface FaultInfo { readonly code: string; readonly string: string }

/** The answer in short: a Fault, or the first resultCodes (absent when the answer has none). */
export interface ResponseInfo { readonly fault?: FaultInfo; readonly codes?: ResultCodes }

export interface RequestInfo { readonly operation: string; readonly user?: string }

/** Attribute ID → value of every `attributes` under `node` (first occurrence wins). */
export function attributeMap(node: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of descendants(node, 'attributes')) {
    const id = child(a, 'attributeID')?.text.trim();
    if (id && !out.has(id)) out.set(id, child(a, 'value')?.text ?? '');
  }
  return out;
}

export function requestInfo(root: Node): RequestInfo {
  const op = soapOperation(root);
  if (!op) throw new XmlError('is not a SOAP envelope (no Envelope/Body/operation)');
  const user = attributeMap(op).get(CREDFLD.USERID.id) ?? descendants(op, 'userID')[0]?.text;
  return { operation: op.name, user: user?.trim() || undefined };
}

const int = (n: Node | undefined): number | undefined => {
  const t = n?.text.trim();
  return t !== undefined && /^-?\d+$/.test(t) ? Number(t) : undefined;
};

export function responseInfo(root: Node): ResponseInfo {
  const op = soapOperation(root);
  if (!op) throw new XmlError('is not a SOAP envelope (no Envelope/Body/answer)');
  if (op.name === 'Fault') {
    return { fault: { code: child(op, 'faultcode')?.text.trim() ?? '', string: child(op, 'faultstring')?.text.trim() ?? '' } };
  }
  const rc = descendants(op, 'resultCodes')[0];
  if (!rc) return {};
  return {
    codes: {
      returnEnum: child(rc, 'returnCodeEnum')?.text.trim(), returnCode: int(child(rc, 'returnCode')),
      statusEnum: child(rc, 'statusCodeEnum')?.text.trim(), statusCode: int(child(rc, 'statusCode')),
    },
  };
}

/** One line for logs and summaries: `STAT_SUCCESS (0)` or `Fault SOAP-ENV:Client`. */
export function describeResponse(info: ResponseInfo): string {
  if (info.fault) return `Fault ${info.fault.code}`;
  if (!info.codes) return 'no result codes';
  return `${info.codes.statusEnum ?? '?'} (${info.codes.statusCode ?? '?'})`;
}
