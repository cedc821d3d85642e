// Secret masking for recordings (issue 9; soap-wire.md §5 "never log"): secret values in the written
// files (never in what is forwarded) become `********`. The body is scanned as latin1, one character
// per byte, so every byte outside the masked ranges stays as it was, whatever the real charset.
import { credfldById } from '../doors/soap/codec/credfld.js';
import { decodeText, localName } from './xml.js';

export const MASK = '********';

/**
 * Attribute IDs whose value is secret: those the CREDFLD table marks secret (PASSWORD, STATIC_PASSWORD,
 * DP_RESPONSE, the PINs, the new/confirm static passwords), and by name the same endings and session
 * ids in any family (CREDFLD_SESSION_ID of the administration logon, USERFLD_STATIC_PASSWORD, ...).
 * PASSWORD_FORMAT and NOTIFY_PASSWORD_EXPIRE_DATE do not end so and stay readable.
 */
export const SECRET_ATTRIBUTE = /^[A-Z]+FLD_(?:[A-Z0-9]+_)*(?:PASSWORD|PIN|DP_RESPONSE|SESSION_ID)$/;
export const isSecretAttribute = (id: string): boolean => credfldById(id)?.secret === true || SECRET_ATTRIBUTE.test(id);
/** Element names (strongly typed and administration operations): sessionID, staticPassword, newPin, ... */
export const SECRET_ELEMENT = /^(?:sessionid|\w*password|\w*pin|\w*dpresponse)$/i;

interface Frame {
  readonly name: string;
  readonly start: number;
  end: number;
  readonly children: Frame[];
}

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

/** Element frames with content ranges; the input must already be well-formed (checkXml). */
function scan(text: string): Frame {
  const root: Frame = { name: '#document', start: 0, end: text.length, children: [] };
  const stack: Frame[] = [root];
  for (const m of text.matchAll(TOKEN)) {
    const [all, closing, qname, , selfClosing] = m;
    if (qname === undefined) continue;
    const top = stack[stack.length - 1];
    if (closing) { top.end = m.index; stack.pop(); continue; }
    const frame: Frame = { name: localName(qname), start: m.index + all.length, end: m.index + all.length, children: [] };
    top.children.push(frame);
    if (!selfClosing) stack.push(frame);
  }
  return root;
}

const textOf = (text: string, f: Frame): string =>
  decodeText(text.slice(f.start, f.end).replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')).trim();

const named = (f: Frame, name: string): Frame | undefined => f.children.find((c) => c.name === name);

/** The ranges to mask, found depth first. */
function secretRanges(text: string, frame: Frame, out: Frame[]): Frame[] {
  for (const c of frame.children) {
    if (c.name === 'attributes') {
      const id = named(c, 'attributeID');
      const flagged = named(c, 'attributeOptions');
      const maskedFlag = flagged && named(flagged, 'masked');
      const secret = (id && isSecretAttribute(textOf(text, id))) || (maskedFlag && textOf(text, maskedFlag) === 'true');
      const value = named(c, 'value');
      if (secret && value && value.children.length === 0) out.push(value);
    } else if (c.children.length === 0 && SECRET_ELEMENT.test(c.name)) {
      out.push(c);
    }
    secretRanges(text, c, out);
  }
  return out;
}

export interface Masked { readonly body: Buffer; readonly count: number }

/** Masks every secret value of a well-formed XML body; returns the new bytes and how many were masked. */
export function maskSecrets(body: Buffer): Masked {
  const text = body.toString('latin1');
  const ranges = secretRanges(text, scan(text), []).filter((f) => f.end > f.start && text.slice(f.start, f.end) !== MASK);
  if (ranges.length === 0) return { body, count: 0 };
  ranges.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const r of ranges) { out += text.slice(at, r.start) + MASK; at = r.end; }
  return { body: Buffer.from(out + text.slice(at), 'latin1'), count: ranges.length };
}
