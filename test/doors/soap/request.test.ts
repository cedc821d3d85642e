// Requests built from named fields (`countersign call`) decode, through the server's own envelope
// reader and field tables, to the fields that were named: wire IDs, table keys and field names alike.
import { expect } from 'chai';
import { buildRequest, parseNamedField } from '../../../src/doors/soap/codec/request.js';
import { parseEnvelope } from '../../../src/doors/soap/codec/envelope.js';
import { readFields } from '../../../src/doors/soap/codec/fields.js';
import { readAdminFields, siblingText } from '../../../src/doors/soap/codec/decode-admin.js';
import { defaultOperations } from '../../../src/doors/soap/operations/index.js';
import { indentXml } from '../../../src/doors/cli/call.js';

const ops = defaultOperations();
const decode = (xml: string) => parseEnvelope(xml, (name) => ops.get(name));
const shape = (operation: string, administration = false) => ({ operation, container: ops.get(operation)!.container, administration });

describe('SOAP requests from named fields', () => {
  it('authUser: field names, keys and wire IDs fill the same request fields; component type and format 0 added', () => {
    const xml = buildRequest(shape('authUser'), [parseNamedField('userId=jane.doe'), parseNamedField('PASSWORD=1234=5'), parseNamedField('CREDFLD_DOMAIN=master')]);
    const request = decode(xml);
    expect(request.operation).to.equal('authUser');
    const { values, invalid } = readFields(request.attributes);
    expect(invalid).to.equal(undefined);
    expect(values).to.deep.equal({ componentType: 'SOAP Auth Client', userId: 'jane.doe', password: '1234=5', domain: 'master', passwordFormat: '0' });
    expect(xml).to.include('<value xsi:type="xsd:unsignedInt">0</value><attributeID>CREDFLD_PASSWORD_FORMAT</attributeID>');
  });

  it('a given component type and password format are kept; values are escaped', () => {
    const xml = buildRequest(shape('authUser'), [parseNamedField('componentType=My <App>'), parseNamedField('passwordFormat=4'), parseNamedField('password=a&b')]);
    const { values } = readFields(decode(xml).attributes);
    expect(values).to.include({ componentType: 'My <App>', passwordFormat: '4', password: 'a&b' });
  });

  it('userExecute: elements before the USERFLD attribute set, cmd prefixed, typed values', () => {
    const xml = buildRequest(shape('userExecute', true), ['sessionID=abc', 'cmd=view', 'userId=sam', 'disabled=true'].map(parseNamedField));
    const request = decode(xml);
    expect(siblingText(request.children, 'sessionID')).to.equal('abc');
    expect(siblingText(request.children, 'cmd')).to.equal('USERCMD_VIEW');
    expect(readAdminFields(request.attributes).values).to.deep.equal({ userId: 'sam', disabled: true });
    expect(xml).to.include('IdentikeyTypes/Administration"');
  });

  it('typed operations take every field as an element', () => {
    const xml = buildRequest(shape('cancelAuthUser'), ['componentType=SOAP Auth Client', 'serialNumber=VDS0000004', 'challengeKeyMessage=k'].map(parseNamedField));
    const request = decode(xml);
    expect(request.children.map((c) => c.name)).to.deep.equal(['componentType', 'serialNumber', 'challengeKeyMessage']);
  });

  it('refuses a field without NAME=VALUE and a name that is neither attribute nor element', () => {
    expect(() => parseNamedField('userId')).to.throw(/NAME=VALUE/);
    expect(() => buildRequest(shape('authUser'), [parseNamedField('not a name=1')])).to.throw(/not an attribute/);
  });

  it('indents an answer one element a line, text elements kept on their line', () => {
    expect(indentXml('<?xml version="1.0"?><a><b x="1">t</b><c/></a>')).to.equal('<?xml version="1.0"?>\n<a>\n  <b x="1">t</b>\n  <c/>\n</a>');
  });
});
