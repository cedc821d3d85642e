// XML parser comparison for the SOAP door (docs/soap-input.md): the fast-xml-parser pipeline (validate,
// parse, convert to our tree), the bounds pre-scan + @rgrove/parse-xml + conversion, and today's door
// (bounds pre-scan + saxes building the tree from its events), on every golden request, interleaved
// rounds in one process. Run by hand:
// `node --expose-gc --max-semi-space-size=512 dist/bench/xml-parsers.js` (not part of npm run bench).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseXml as parseStrict, XmlElement as ParsedElement, XmlText } from '@rgrove/parse-xml';
import { checkXmlBounds } from '../src/doors/soap/codec/bounds.js';
import { parseXml } from '../src/doors/soap/codec/tree.js';
import { XML_LIMITS } from '../src/doors/soap/decisions.js';
import { decodeXmlText, localName } from '../src/doors/soap/codec/xml.js';
import { findCases } from '../test/golden/runner.js';

type Raw = Record<string, unknown>;
const fxp = new XMLParser({
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', processEntities: false,
  htmlEntities: false, parseTagValue: false, parseAttributeValue: false, trimValues: false,
  ignoreDeclaration: true, ignorePiTags: true, cdataPropName: '#cdata', removeNSPrefix: false, jPath: false,
});

/** The pipeline the SOAP door used before: a validator pass, a parse pass, then our tree. */
function legacy(text: string): unknown {
  const xml = text.trimStart();
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(xml)) throw new Error('doctype');
  if (XMLValidator.validate(xml) !== true) throw new Error('malformed');
  return (fxp.parse(xml) as Raw[]).map(toTree);
}

function toTree(node: Raw): unknown {
  const qname = Object.keys(node).find((k) => k !== ':@')!;
  if (qname === '#text' || qname === '#cdata') return undefined;
  const children: unknown[] = [];
  let text = '';
  for (const c of node[qname] as Raw[]) {
    if ('#text' in c) text += decodeXmlText(String(c['#text']));
    else if (!('#cdata' in c)) children.push(toTree(c));
  }
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries((node[':@'] ?? {}) as Raw)) attrs[k] = decodeXmlText(String(v));
  return { qname, name: localName(qname), attrs, children, text };
}

interface Tree { qname: string; name: string; attrs: Record<string, string>; children: Tree[]; text: string }

/** The door before saxes: the bounds pass, @rgrove/parse-xml's tree, then ours built from it. */
function viaParseXml(text: string): Tree {
  const xml = text.trimStart();
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(xml)) throw new Error('doctype');
  checkXmlBounds(xml, XML_LIMITS);
  const root = parseStrict(xml).root;
  if (!root) throw new Error('no root');
  return convert(root);
}

function convert(el: ParsedElement): Tree {
  const children: Tree[] = [];
  let text = '';
  for (const child of el.children) {
    if (child instanceof ParsedElement) children.push(convert(child));
    else if (child instanceof XmlText) text += child.text;
  }
  return { qname: el.name, name: localName(el.name), attrs: el.attributes, children, text };
}

const gc = (globalThis as { gc?: () => void }).gc;
const ROUNDS = 11;
const REPS = 20;

/** Time per envelope over REPS passes; bytes from one pass after a full GC (the young space holds it). */
function measure(fn: (s: string) => unknown, docs: readonly string[]): { us: number; bytes: number } {
  gc?.();
  const heap0 = getHeapStatistics().used_heap_size;
  for (const d of docs) fn(d);
  const bytes = getHeapStatistics().used_heap_size - heap0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < REPS; r++) for (const d of docs) fn(d);
  const ns = Number(process.hrtime.bigint() - t0);
  return { us: ns / 1000 / (REPS * docs.length), bytes: bytes / docs.length };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const parsesEverywhere = (d: string): boolean => [legacy, viaParseXml, (x: string) => parseXml(x)].every((fn) => { try { fn(d); return true; } catch { return false; } });
  // The golden cases that every candidate accepts (the refusal cases measure nothing comparable).
  const docs = findCases().map((c) => readFileSync(join(c.dir, 'request.xml'), 'utf8')).filter(parsesEverywhere);
  const authUser = docs.filter((d) => d.includes(':authUser>'));
  for (const [label, set] of [['all golden requests', docs], ['authUser requests', authUser]] as const) {
    const candidates: [string, (s: string) => unknown][] = [['legacy', legacy], ['parse-xml', viaParseXml], ['saxes (door)', (s) => parseXml(s)]];
    const rows: Record<string, { us: number[]; bytes: number[] }> = {};
    for (const [name, fn] of candidates) { rows[name] = { us: [], bytes: [] }; measure(fn, set); }
    for (let r = 0; r < ROUNDS; r++) {
      const order = candidates.map((_, i) => candidates[(i + r) % candidates.length]);
      for (const [name, fn] of order) {
        const m = measure(fn, set);
        rows[name].us.push(m.us);
        rows[name].bytes.push(m.bytes);
      }
    }
    const size = Math.round(set.reduce((s, d) => s + d.length, 0) / set.length);
    console.log(`${label}: ${set.length} envelopes, mean ${size} characters; medians of ${ROUNDS} interleaved rounds of ${REPS} passes; load ${loadavg()[0].toFixed(1)}`);
    for (const [name, r] of Object.entries(rows)) {
      console.log(`  ${name.padEnd(10)} ${median(r.us).toFixed(1).padStart(6)} µs/envelope  ${(median(r.bytes) / 1024).toFixed(1).padStart(6)} KiB allocated/envelope`);
    }
  }
  if (!gc) console.log('(run with --expose-gc --max-semi-space-size=512 for the allocation figures)');
}

main();
