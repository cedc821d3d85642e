// A request the SOAP door refuses before any business logic (soap-wire.md §3 "Reject"): thrown by the
// codec, turned into a SOAP Fault by the server (SOAP 1.1: HTTP 500; SOAP 1.2: codec/soap12.ts).
// `reason` is a fixed tag for the log; `faultstring` goes to the client and may quote the request, so it
// is never logged.

export type FaultCode = 'SOAP-ENV:Client' | 'SOAP-ENV:Server' | 'SOAP-ENV:VersionMismatch';

export type FaultReason =
  | 'too-large' | 'too-complex' | 'content-type' | 'charset' | 'doctype' | 'malformed' | 'not-soap'
  | 'version-mismatch' | 'unknown-operation' | 'missing-container' | 'internal';

export class SoapFault extends Error {
  constructor(
    readonly reason: FaultReason,
    readonly faultstring: string,
    readonly faultcode: FaultCode = 'SOAP-ENV:Client',
  ) {
    super(`SOAP fault (${reason})`);
    this.name = 'SoapFault';
  }
}

export const clientFault = (reason: FaultReason, faultstring: string): SoapFault => new SoapFault(reason, faultstring);
