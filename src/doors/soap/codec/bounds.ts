// Size bounds of an XML request, checked in one linear pass that allocates nothing, BEFORE any tree is
// built (issue 16): nesting depth, element count, attributes per element and in all, name and text
// lengths. It only counts; well-formedness is the parser's job, and on well-formed input both agree.
import { clientFault } from './fault.js';

export interface XmlLimits {
  /** Deepest element nesting (the Envelope is depth 1). */
  readonly maxDepth: number;
  /** Elements in the whole document. */
  readonly maxElements: number;
  /** Attributes (namespace declarations included) on one element. */
  readonly maxAttributesPerElement: number;
  /** Attributes in the whole document. */
  readonly maxAttributes: number;
  /** Characters of one element or attribute name. */
  readonly maxNameLength: number;
  /** Characters of one run of text, CDATA section or attribute value. */
  readonly maxTextLength: number;
}

const LT = 0x3c, GT = 0x3e, SLASH = 0x2f, BANG = 0x21, QUESTION = 0x3f, EQ = 0x3d, DQ = 0x22, SQ = 0x27;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const endsName = (c: number): boolean => isSpace(c) || c === GT || c === SLASH || c === EQ || c === DQ || c === SQ || c === LT;

const refuse = (what: string, limit: number): never =>
  { throw clientFault('too-complex', `Request refused: ${what} (the limit is ${limit})`); };

/** Throws a Client Fault as soon as the text passes one of the limits; cost is linear in its length. */
export function checkXmlBounds(xml: string, limits: XmlLimits): void {
  new BoundsScan(xml, limits).run();
}

class BoundsScan {
  private depth = 0;
  private elements = 0;
  private attributes = 0;
  private selfClosing = false;
  constructor(private readonly xml: string, private readonly lim: XmlLimits) {}

  run(): void {
    const { xml } = this;
    let i = 0;
    for (;;) {
      const lt = xml.indexOf('<', i);
      if ((lt < 0 ? xml.length : lt) - i > this.lim.maxTextLength) refuse('a text longer than the limit', this.lim.maxTextLength);
      if (lt < 0) return;
      const c = xml.charCodeAt(lt + 1);
      if (c === BANG) i = this.skipMarkup(lt);
      else if (c === QUESTION) i = this.past('?>', lt + 2);
      else if (c === SLASH) { this.depth--; i = this.past('>', lt + 2); }
      else i = this.startTag(lt + 1);
    }
  }

  /** A comment or CDATA section (its content bounded like text); anything else the parser refuses. */
  private skipMarkup(lt: number): number {
    const { xml } = this;
    if (xml.startsWith('<!--', lt)) return this.past('-->', lt + 4);
    if (!xml.startsWith('<![CDATA[', lt)) return lt + 2;
    const end = this.past(']]>', lt + 9);
    if (end - lt - 12 > this.lim.maxTextLength) refuse('a CDATA section longer than the limit', this.lim.maxTextLength);
    return end;
  }

  /** Index just after the next `token` at or after `from`, or the end (the parser will refuse). */
  private past(token: string, from: number): number {
    const at = this.xml.indexOf(token, from);
    return at < 0 ? this.xml.length : at + token.length;
  }

  private startTag(from: number): number {
    const { lim } = this;
    if (++this.elements > lim.maxElements) refuse('more elements than the limit', lim.maxElements);
    const end = this.tagBody(from);
    if (!this.selfClosing && ++this.depth > lim.maxDepth) refuse('elements nested deeper than the limit', lim.maxDepth);
    return end;
  }

  /** Scans a start tag's name and attributes up to its `>`; sets selfClosing. */
  private tagBody(from: number): number {
    const { xml, lim } = this;
    const n = xml.length;
    let j = from;
    let here = 0;
    this.selfClosing = false;
    while (j < n) {
      const c = xml.charCodeAt(j);
      if (c === GT) return j + 1;
      if (c === SLASH) { this.selfClosing = true; j++; continue; }
      this.selfClosing = false;
      if (c === DQ || c === SQ) {
        const close = xml.indexOf(c === DQ ? '"' : "'", j + 1);
        if (close < 0) return n;
        if (close - j - 1 > lim.maxTextLength) refuse('an attribute value longer than the limit', lim.maxTextLength);
        j = close + 1;
      } else if (c === EQ) {
        if (++here > lim.maxAttributesPerElement) refuse('more attributes on one element than the limit', lim.maxAttributesPerElement);
        if (++this.attributes > lim.maxAttributes) refuse('more attributes than the limit', lim.maxAttributes);
        j++;
      } else if (isSpace(c) || c === LT) j++;
      else j = this.name(j);
    }
    return n;
  }

  private name(from: number): number {
    const { xml } = this;
    let j = from;
    while (j < xml.length && !endsName(xml.charCodeAt(j))) j++;
    if (j - from > this.lim.maxNameLength) refuse('a name longer than the limit', this.lim.maxNameLength);
    return j;
  }
}
