// SOAP 1.2 answers (SOAP 1.2 Part 1 §5.4, Part 2 §7.5.2.2; docs/soap-input.md): the same body as the
// SOAP 1.1 answer inside an envelope in the SOAP 1.2 namespace (same SOAP-ENV prefix), Faults with
// Code/Reason, HTTP 400 for Sender faults and 500 otherwise, Content-Type application/soap+xml.
import { SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS } from '../decisions.js';
import type { FaultCode } from './fault.js';
import { escapeXml } from './xml.js';

export const SOAP12_CONTENT_TYPE = 'application/soap+xml; charset=utf-8';

const DECL_11 = `xmlns:SOAP-ENV="${SOAP11_ENVELOPE_NS}"`;
const DECL_12 = `xmlns:SOAP-ENV="${SOAP12_ENVELOPE_NS}"`;

/** A SOAP 1.1 answer envelope (encode.ts) rewritten into SOAP 1.2: only the envelope namespace differs. */
export function asSoap12(envelope11: string): string {
  return envelope11.replace(DECL_11, DECL_12);
}

const CODES_12: Readonly<Record<FaultCode, string>> = {
  'SOAP-ENV:Client': 'SOAP-ENV:Sender', 'SOAP-ENV:Server': 'SOAP-ENV:Receiver', 'SOAP-ENV:VersionMismatch': 'SOAP-ENV:VersionMismatch',
};

/** A SOAP 1.2 Fault with the SOAP 1.1 code mapped (Client → Sender, Server → Receiver). */
export function encodeFault12(faultcode: FaultCode, reason: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope ${DECL_12}><SOAP-ENV:Body><SOAP-ENV:Fault>`
    + `<SOAP-ENV:Code><SOAP-ENV:Value>${CODES_12[faultcode]}</SOAP-ENV:Value></SOAP-ENV:Code>`
    + `<SOAP-ENV:Reason><SOAP-ENV:Text xml:lang="en">${escapeXml(reason)}</SOAP-ENV:Text></SOAP-ENV:Reason>`
    + '</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>';
}

/** HTTP status of a SOAP 1.2 Fault (Part 2 §7.5.2.2): the sender's fault is 400. */
export const fault12Status = (faultcode: FaultCode): number => (faultcode === 'SOAP-ENV:Client' ? 400 : 500);
