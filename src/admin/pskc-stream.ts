// Streaming PSKC (RFC 6030) reader for imports (issue 17 "Long jobs"): saxes reads the file in chunks
// and builds one KeyPackage at a time, in the same tree shape as pskc-xml.ts's parser (namespace
// prefixes dropped, attributes as "@Name", text as a string or "#text"), so memory stays bounded
// whatever the file size. A DTD is refused and no entity beyond XML's five is known.
import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Node } from './pskc-xml.js';

/** Most characters of markup and text one KeyPackage (or the container's other children) may hold. */
export const MAX_PACKAGE_CHARS = 1 << 20;

/** What a first pass learns: the container without its packages, how many there are, whether any is encrypted. */
export interface PskcOutline {
  /** The KeyContainer element (attributes, EncryptionKey, MACMethod, ...) without KeyPackage; null when the root is not one. */
  readonly container: Node | null;
  readonly packages: number;
  readonly encrypted: boolean;
}

/** A KeyPackage (or another child of KeyContainer) over MAX_PACKAGE_CHARS: refused, whatever the rest holds. */
export class PskcTooLargeError extends Error {
  constructor() {
    super(`a KeyPackage (or another KeyContainer element) holds more than ${MAX_PACKAGE_CHARS} characters of XML`);
    this.name = 'PskcTooLargeError';
  }
}

interface Frame { readonly name: string; readonly node: Node | null; text: string }

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

function attributesOf(tag: SaxesTagPlain): Node {
  const out: Node = {};
  for (const [k, v] of Object.entries(tag.attributes)) if (k !== 'xmlns' && !k.startsWith('xmlns:')) out[`@${local(k)}`] = v;
  return out;
}

/** Adds a finished child to its parent as pskc-xml.ts does: a second child of one name makes an array; Key is always one. */
function addChild(parent: Node, name: string, value: unknown): void {
  const prev = parent[name];
  if (name === 'Key') parent[name] = [...((prev as unknown[] | undefined) ?? []), value];
  else parent[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
}

/** The value an element closes to: its text alone, or its node with "#text" when it has any. */
function finish(frame: Frame): unknown {
  const node = frame.node!;
  const text = frame.text.trim();
  if (Object.keys(node).length === 0) return text;
  if (text !== '') node['#text'] = text;
  return node;
}

/**
 * A saxes parser that builds the container's children and each KeyPackage; `onPackage` gets every
 * package as it closes (with `build`, its tree; without, an empty node and only `sawEncrypted` set).
 */
class PskcBuilder {
  readonly parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  readonly stack: Frame[] = [];
  container: Node | null = null;
  rootName = '';
  encrypted = false;
  chars = 0;

  constructor(private readonly build: boolean, private readonly onPackage: (pkg: Node) => void) {
    this.parser.on('doctype', () => { throw new Error('a DTD is not allowed'); });
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', () => this.close());
    this.parser.on('text', (t) => this.text(t));
    this.parser.on('cdata', (t) => this.text(t));
  }

  /** Whether the element now opening is collected: the container, its children, and (when building) packages. */
  private collecting(name: string): boolean {
    const depth = this.stack.length;
    if (depth === 0) return name === 'KeyContainer';
    if (this.stack[0].node === null) return false;
    const inPackage = depth >= 2 && this.stack[1].name === 'KeyPackage';
    return inPackage ? this.build : depth > 1 || name !== 'KeyPackage' || this.build;
  }

  private open(tag: SaxesTagPlain): void {
    const name = local(tag.name);
    if (this.stack.length === 0) this.rootName = name;
    if (this.stack.length >= 2 && this.stack[1].name === 'KeyPackage' && name === 'EncryptedValue') this.encrypted = true;
    if (this.stack.length === 1 && name === 'KeyPackage') this.chars = 0;
    const node = this.collecting(name) ? attributesOf(tag) : null;
    this.count(tag.name.length * 2 + JSON.stringify(tag.attributes).length);
    this.stack.push({ name, node, text: '' });
    if (this.stack.length === 1 && node) this.container = node;
  }

  private close(): void {
    const frame = this.stack.pop()!;
    const parent = this.stack[this.stack.length - 1];
    if (this.stack.length === 1 && frame.name === 'KeyPackage' && parent.node) {
      this.onPackage(frame.node ? (finish(frame) as Node) : {});
      return;
    }
    if (frame.node && parent?.node) addChild(parent.node, frame.name, finish(frame));
    if (this.stack.length === 1 && frame.name !== 'KeyPackage') this.chars = 0;
  }

  /** Text inside the container's children; counted whether kept or not, so both passes refuse the same files. */
  private text(t: string): void {
    if (this.stack.length < 2) return;
    this.count(t.length);
    const top = this.stack[this.stack.length - 1];
    if (top.node) top.text += t;
  }

  /** Bounds what one package (or one other child of the container) may hold in memory. */
  private count(n: number): void {
    if (this.stack.length < 1 || this.stack[0].node === null) return;
    this.chars += n;
    if (this.chars > MAX_PACKAGE_CHARS) throw new PskcTooLargeError();
  }
}

/** Feeds the file to `builder` chunk by chunk, awaiting `afterChunk` (e.g. to write what it found) between chunks. */
async function feed(path: string, builder: PskcBuilder, afterChunk: () => Promise<void>): Promise<void> {
  let first = true;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
    builder.parser.write(first ? (chunk as string).replace(/^\uFEFF/, '') : (chunk as string));
    first = false;
    await afterChunk();
  }
  builder.parser.close();
  await afterChunk();
}

/**
 * First pass: checks the whole document is well formed (throws otherwise, before anything is written),
 * counts its key packages and notes whether any holds an encrypted value, in bounded memory.
 */
export async function outlinePskc(path: string): Promise<PskcOutline> {
  let packages = 0;
  const builder = new PskcBuilder(false, () => { packages++; });
  await feed(path, builder, async () => undefined);
  return { container: builder.rootName === 'KeyContainer' ? builder.container : null, packages, encrypted: builder.encrypted };
}

/** Second pass: `visit` gets each KeyPackage (1-based index) in document order, one chunk's worth at a time. */
export async function eachKeyPackage(path: string, visit: (pkg: Node, index: number) => Promise<void>): Promise<void> {
  const ready: Node[] = [];
  let index = 0;
  const builder = new PskcBuilder(true, (pkg) => { ready.push(pkg); });
  await feed(path, builder, async () => {
    while (ready.length > 0) await visit(ready.shift()!, ++index);
  });
}
