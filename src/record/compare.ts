// Structural comparison of two SOAP answers (issue 9): HTTP status, Fault code, result and error codes,
// enum names, returned attributes (values except DEFAULT_IGNORED) and element shapes. Not compared:
// prefixes, namespace declarations, xsi:type, whitespace, faultstring and errorDesc texts.
import { CREDFLD } from '../doors/soap/codec/credfld.js';
import { MASK } from './mask.js';
import { describeResponse, type ResponseInfo } from './soap-info.js';
import { child, localName, soapOperation, type Node } from './xml.js';

/**
 * Attribute values never compared (their presence still is): challenge, challenge key and challenge
 * message (random per request), host codes (depend on the server's secret and time), the free-text
 * status and auxiliary messages (every server words them differently), and session ids of any family
 * (SESSION_ID_ATTRIBUTE: random).
 */
export const DEFAULT_IGNORED: readonly string[] = [
  CREDFLD.CHALLENGE, CREDFLD.CHALLENGE_KEY, CREDFLD.CHALLENGE_MESSAGE, CREDFLD.HOST_CODE, CREDFLD.STATUS_MESSAGE, CREDFLD.AUXILIARY_MESSAGE,
].map((f) => f.id);
export const SESSION_ID_ATTRIBUTE = /^[A-Z]+FLD_SESSION_ID$/;

export interface Difference { readonly where: string; readonly expected: string; readonly actual: string }

export interface Answer { readonly http: number; readonly tree: Node; readonly info: ResponseInfo }

const CODES = ['returnCodeEnum', 'statusCodeEnum', 'returnCode', 'statusCode'];
const ABSENT = '(absent)';

/** Elements by path of local names; `visit` gets each element with its path and per-path index. */
function walk(root: Node, visit: (n: Node, path: string, index: number) => void): void {
  const seen = new Map<string, number>();
  const go = (n: Node, parent: string): void => {
    const path = parent ? `${parent}/${n.name}` : n.name;
    const i = seen.get(path) ?? 0;
    seen.set(path, i + 1);
    visit(n, path, i);
    for (const c of n.children) go(c, path);
  };
  go(root, '');
}

const at = (path: string, i: number): string => (i === 0 ? path : `${path}[${i + 1}]`);
/** A path as shown: without Envelope/Body/<answer>/ and the authUserResults and results wrappers. */
const short = (path: string): string =>
  path.replace(/^Envelope\/Body\/[^/]+\/?/, '').replace(/^authUserResults\/?/, '').replace(/^results\/?/, '') || 'results';

/** path → the set of child-name sequences (repeats collapsed: `attributes` once however many). */
function shapes(root: Node): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  walk(root, (n, path) => {
    const names = n.children.map((c) => c.name).filter((name, i, all) => i === 0 || all[i - 1] !== name);
    const set = out.get(path) ?? new Set<string>();
    set.add(names.length ? names.join(',') : '(empty)');
    out.set(path, set);
  });
  return out;
}

/** Per attribute container (`resultAttribute`, `attributeList`, ...): attribute ID → values. */
function attributeGroups(root: Node): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  walk(root, (n, path, i) => {
    const attrs = n.children.filter((c) => c.name === 'attributes');
    if (attrs.length === 0) return;
    const group = new Map<string, string[]>();
    for (const a of attrs) {
      const id = child(a, 'attributeID')?.text.trim() ?? '(no attributeID)';
      group.set(id, [...(group.get(id) ?? []), child(a, 'value')?.text ?? ABSENT]);
    }
    out.set(short(at(path, i)), group);
  });
  return out;
}

/** Texts of elements named `name`, by position path (result codes, error codes). */
function texts(root: Node, names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  walk(root, (n, path, i) => { if (names.includes(n.name)) out.set(short(at(path, i)), n.text.trim()); });
  return out;
}

function compareMaps(a: Map<string, string>, b: Map<string, string>, out: Difference[]): void {
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [x, y] = [a.get(key) ?? ABSENT, b.get(key) ?? ABSENT];
    if (x !== y) out.push({ where: key, expected: x, actual: y });
  }
}

function compareAttributes(exp: Node, act: Node, ignored: ReadonlySet<string>, out: Difference[]): void {
  const [a, b] = [attributeGroups(exp), attributeGroups(act)];
  for (const group of new Set([...a.keys(), ...b.keys()])) {
    const [x, y] = [a.get(group) ?? new Map<string, string[]>(), b.get(group) ?? new Map<string, string[]>()];
    for (const id of new Set([...x.keys(), ...y.keys()])) {
      const [ev, av] = [x.get(id), y.get(id)];
      const where = `${group} ${id}`;
      if (!ev || !av) { out.push({ where, expected: ev ? 'present' : ABSENT, actual: av ? 'present' : ABSENT }); continue; }
      if (ev.length !== av.length) { out.push({ where, expected: `${ev.length} times`, actual: `${av.length} times` }); continue; }
      if (ignored.has(id) || SESSION_ID_ATTRIBUTE.test(id)) continue;
      ev.forEach((v, k) => { if (v !== MASK && v !== av[k]) out.push({ where, expected: JSON.stringify(v), actual: JSON.stringify(av[k]) }); });
    }
  }
}

function compareShapes(exp: Node, act: Node, out: Difference[]): void {
  const [a, b] = [shapes(exp), shapes(act)];
  const parent = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if (!(a.has(path) && b.has(path)) && !(a.has(parent(path)) && b.has(parent(path)))) continue;
    const [x, y] = [[...(a.get(path) ?? [])].sort(), [...(b.get(path) ?? [])].sort()];
    if (x.join('|') !== y.join('|')) {
      out.push({ where: `shape of ${short(path)}`, expected: x.join(' | ') || ABSENT, actual: y.join(' | ') || ABSENT });
    }
  }
}

/** Every structural difference between the expected answer and the one received; [] when the same. */
export function compareAnswers(exp: Answer, act: Answer, ignored: ReadonlySet<string> = new Set(DEFAULT_IGNORED)): Difference[] {
  const out: Difference[] = [];
  if (exp.http !== act.http) out.push({ where: 'HTTP status', expected: String(exp.http), actual: String(act.http) });
  if (Boolean(exp.info.fault) !== Boolean(act.info.fault)) {
    out.push({ where: 'answer', expected: describeResponse(exp.info), actual: describeResponse(act.info) });
    return out;
  }
  if (exp.info.fault && act.info.fault) {
    const [x, y] = [localName(exp.info.fault.code), localName(act.info.fault.code)];
    if (x !== y) out.push({ where: 'Fault faultcode', expected: exp.info.fault.code, actual: act.info.fault.code });
    return out;
  }
  const [eo, ao] = [soapOperation(exp.tree), soapOperation(act.tree)];
  if (eo?.name !== ao?.name) {
    out.push({ where: 'answer element', expected: eo?.name ?? ABSENT, actual: ao?.name ?? ABSENT });
    return out;
  }
  compareMaps(texts(exp.tree, CODES), texts(act.tree, CODES), out);
  compareMaps(texts(exp.tree, ['errorCode']), texts(act.tree, ['errorCode']), out);
  compareAttributes(exp.tree, act.tree, ignored, out);
  compareShapes(exp.tree, act.tree, out);
  return out;
}
