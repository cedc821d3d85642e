// Request bytes → text (soap-wire.md §1): UTF-8 by default, ISO-8859-1 when declared by the
// Content-Type charset or, failing that, by the XML declaration; anything else is a Client Fault.
import { isUtf8 } from 'node:buffer';
import { LATIN1_CHARSETS, UTF8_CHARSETS } from '../decisions.js';
import { clientFault } from './fault.js';

const DECLARED_ENCODING = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/;

/** The encoding named by the XML declaration, looked up in the first bytes read as ASCII. */
function declaredEncoding(body: Buffer): string | undefined {
  const head = body.subarray(0, 256).toString('latin1');
  return DECLARED_ENCODING.exec(head)?.[1];
}

function stripUtf8Bom(body: Buffer): Buffer {
  return body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body;
}

/** Decodes a request body; `headerCharset` is the Content-Type charset parameter, if any. */
export function decodeBody(body: Buffer, headerCharset: string | undefined): string {
  if ((body[0] === 0xfe && body[1] === 0xff) || (body[0] === 0xff && body[1] === 0xfe)) {
    throw clientFault('charset', 'UTF-16 request bodies are not supported: send UTF-8 (or ISO-8859-1, declared)');
  }
  const declared = (headerCharset ?? declaredEncoding(body))?.trim().toLowerCase();
  if (declared !== undefined && LATIN1_CHARSETS.includes(declared)) return body.toString('latin1');
  if (declared !== undefined && declared !== '' && !UTF8_CHARSETS.includes(declared)) {
    throw clientFault('charset', `Unsupported charset "${declared.slice(0, 40)}": send UTF-8 or ISO-8859-1`);
  }
  const utf8 = stripUtf8Bom(body);
  if (!isUtf8(utf8)) {
    throw clientFault('charset', 'Request body is not valid UTF-8: send UTF-8, or declare charset=ISO-8859-1 for Latin-1 text');
  }
  return utf8.toString('utf8');
}
