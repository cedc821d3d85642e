// Every [OURS] decision of the SOAP door in one place (soap-wire.md §1, §3, §5): where public material
// is silent we chose these; change them here, and the tests that pin them, if a real server disagrees.
// Decided in code, for lack of a value to hold them: xsi:type values are compared by local name only
// (any prefix, even undeclared: codec/fields.ts); a repeated attribute ID counts once, first occurrence
// (codec/envelope.ts); missing mandatory attributes are reported before invalid values
// (codec/decode-auth.ts); which attributes an outcome puts on the wire (codec/encode.ts outcomeResults).

/** Default request size limit in bytes; config `maxBodyBytes` overrides it (§3). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;


/**
 * Largest body limit a configuration may set (COUNTERSIGN_MAX_BODY_BYTES). No SOAP operation needs more:
 * the largest legitimate request (an admin query or update with every attribute) is a few KiB, and
 * bulk imports (PSKC, seeds) go through the CLI, not the wire. 1 MiB keeps the worst case (a body
 * parsed up to the first limit it passes) to milliseconds and a few MB (docs/soap-input.md).
 */
export const MAX_BODY_BYTES_LIMIT = 1024 * 1024;

/**
 * Bounds on a request's XML, checked before any tree is built (codec/bounds.ts). A real envelope is
 * depth 7 or 8, under 200 elements, under 10 attributes on its Envelope; values are at most a few
 * hundred characters. Each limit is far above that and far below what would cost memory.
 */
export const XML_LIMITS = {
  maxDepth: 32, maxElements: 2048, maxAttributesPerElement: 64, maxAttributes: 1024,
  maxNameLength: 256, maxTextLength: 64 * 1024,
} as const;

/**
 * Envelope namespaces. The vendor's documentation says the server speaks "SOAP over HTTPS, versions
 * 1.1 and 1.2, Document Literal binding" (OneSpan Authentication Server Product Guide, "Structure of
 * OneSpan Authentication Server", 3.27): a SOAP 1.2 envelope is processed and answered in SOAP 1.2.
 * Any other envelope namespace (or none) gets a VersionMismatch Fault (SOAP 1.1 §4.4.1, SOAP 1.2 §5.4.7).
 */
export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENVELOPE_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** Media types accepted on POST; a request without Content-Type is read as text/xml (§1). */
export const ACCEPTED_MEDIA_TYPES: readonly string[] = ['text/xml', 'application/xml', 'application/soap+xml'];
export const MISSING_CONTENT_TYPE_ACCEPTED = true;

/** Charsets accepted (declared by Content-Type, else by the XML declaration; UTF-8 when neither). */
export const UTF8_CHARSETS: readonly string[] = ['utf-8', 'utf8', 'us-ascii', 'ascii'];
export const LATIN1_CHARSETS: readonly string[] = ['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'latin-1', 'l1', 'cp819'];

/** An empty value (or one marked null / xsi:nil) means "not given" (§3). */
export const EMPTY_VALUE_IS_ABSENT = true;

/**
 * CREDFLD_PASSWORD_FORMAT must be typed xsd:unsignedInt; any other xsi:type (xsd:int included) is
 * STAT_INVDATA. A value without any xsi:type is accepted and read as a number: a type that is not
 * there cannot be the wrong one, and toolkits send untyped anyType values (PHP SoapClient does, given
 * plain PHP values against our WSDL) (§3).
 */
export const UNTYPED_VALUE_ACCEPTED = true;

/** CREDFLD_REQUEST_HOST_CODE values (case-insensitive); `0`/`no` mean "not requested". */
export const HOST_CODE_VALUES: Readonly<Record<string, 'optional' | 'required' | undefined>> = {
  '0': undefined, no: undefined, '1': 'optional', optional: 'optional', '2': 'required', required: 'required',
};

/**
 * updatePassword: the vendor's command reference names the current password CREDFLD_STATIC_PASSWORD,
 * its programming guide's example sends CREDFLD_PASSWORD. Accept both; STATIC_PASSWORD wins when both
 * are given. (Both confirmation spellings fill one field; the first in request order counts.)
 */
export const CURRENT_PASSWORD_FALLBACK = true;

/** CREDFLD_AUTH_TYPE values (case-insensitive); the vendor's list is not public. */
export const AUTH_TYPE_VALUES: readonly ('PUSH' | 'SCAN')[] = ['PUSH', 'SCAN'];

/**
 * Status message on the wire: the catalogue row's message; when the engine gave a detail and the
 * status was not generic-masked, the message without its final period, then " (detail)", as in the
 * recorded real answer "The requested item could not be found (...)" (§4).
 */
export function statusMessage(message: string, detail: string | undefined): string {
  return detail ? `${message.replace(/\.$/, '')} (${detail})` : message;
}

/** What a secret attribute's value becomes on output (its attributeOptions say masked=true). */
export const MASKED_VALUE = '********';

/** faultstring of an unexpected error: generic, never a stack trace or request content. */
export const SERVER_FAULT_MESSAGE = 'Internal server error; the request was not processed. See the server log.';

/** The placeholder endpoint in wsdl/Authentication.wsdl, replaced by the address the client used. */
export const WSDL_PLACEHOLDER_ADDRESS = 'http://localhost:8888/';
