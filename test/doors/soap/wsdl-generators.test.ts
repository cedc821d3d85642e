// The schema shapes proxy generators need (issue 19; docs/soap-clients.md), checked on wsdl/ itself:
// a list type repeated inside another type is more than one repeated element (else .NET-style
// generators make a jagged array of the wrong item type), and every XSD built-in type the server sends
// or requires in xsi:type is named (gSOAP wsdl2h -p and others emit value classes only for those).
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml, type XmlElement } from '../../../src/doors/soap/codec/tree.js';
import { WSDL_DIR } from './helpers.js';

const schemas = readdirSync(WSDL_DIR).filter((f) => f.endsWith('.xsd')).map((f) => ({ file: f, root: parseXml(readFileSync(join(WSDL_DIR, f), 'utf8')) }));
const all = (e: XmlElement): XmlElement[] => [e, ...e.children.flatMap(all)];
const local = (qname: string | undefined) => qname?.split(':').pop();

describe('WSDL shapes for proxy generators', () => {
  it('a complexType repeated in another type is never just one repeated element (no jagged arrays)', () => {
    const types = new Map(schemas.flatMap(({ root }) => root.children.filter((c) => c.name === 'complexType').map((c) => [c.attrs.name!, c] as const)));
    const repeated = schemas.flatMap(({ root }) => all(root)).filter((e) => e.name === 'element' && e.attrs.maxOccurs === 'unbounded').map((e) => local(e.attrs.type)!);
    const listOnly = (t: XmlElement) => {
      const seq = t.children.find((c) => c.name === 'sequence');
      const others = t.children.filter((c) => c.name === 'attribute' || c.name === 'anyAttribute');
      return seq !== undefined && seq.children.length === 1 && seq.children[0]!.attrs.maxOccurs === 'unbounded' && others.length === 0;
    };
    const jagged = [...new Set(repeated)].filter((name) => types.has(name) && listOnly(types.get(name)!));
    expect(jagged).to.deep.equal([]);
    expect(repeated).to.include.members(['UserAttributeList', 'DigipassAttributeList']);
  });

  it('names every built-in type an attribute value carries in xsi:type, in the schemas both services import', () => {
    const named = (file: string) => new Set(all(schemas.find((s) => s.file === file)!.root).flatMap((e) => [e.attrs.type, e.attrs.base]).filter(Boolean).map(local));
    const shared = new Set([...named('CredentialTypes.xsd'), ...named('BasicTypes.xsd')]);
    for (const t of ['string', 'int', 'unsignedInt', 'boolean', 'dateTime']) expect(shared.has(t), `xsd:${t}`).to.equal(true);
  });
});
