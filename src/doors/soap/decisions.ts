// Every [OURS] decision of the SOAP door in one place (soap-wire.md §1, §3, §5): where public material
// is silent we chose these; change them here, and the tests that pin them, if a real server disagrees.
// Decided in code, for lack of a value to hold them: xsi:type values are compared by local name only
// (any prefix, even undeclared: codec/fields.ts); a repeated attribute ID counts once, first occurrence
// (codec/envelope.ts); missing mandatory attributes are reported before invalid values
// (codec/decode-auth.ts); which attributes an outcome puts on the wire (codec/encode.ts outcomeResults).

/** Default request size limit in bytes; config `maxBodyBytes` overrides it (§3). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Media types accepted on POST; a request without Content-Type is read as text/xml (§1). */
export const ACCEPTED_MEDIA_TYPES: readonly string[] = ['text/xml', 'application/xml'];
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
