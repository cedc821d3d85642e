// The Administration WSDL (soap-wire.md §1, §2, §4 admin shapes): well-formed, document/literal in the
// ADMIN-TYPES namespace, one operation per administration operation of the registry, request children
// in wire order, field-ID enumerations covering codec/admin-fields.ts, every type the golden answers
// name defined; served at /?wsdl=Administration and /Administration?wsdl, loaded by the soap client.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import * as soap from 'soap';
import { DIGIPASSAPPLFLD, DIGIPASSFLD, USERFLD, COMPONENTFLD, POLICYFLD } from '../../../src/doors/soap/codec/admin-fields.js';
import { parseXml, type XmlElement } from '../../../src/doors/soap/codec/tree.js';
import { defaultOperations } from '../../../src/doors/soap/operations/index.js';
import { wsdlAsked } from '../../../src/doors/soap/wsdl-files.js';
import { close, FakeEngine, listen, WSDL_DIR } from './helpers.js';

const read = (name: string) => readFileSync(join(WSDL_DIR, name), 'utf8');
const FIXTURES = join(WSDL_DIR, '..', 'fixtures', 'soap');
const ADMIN_NS = 'http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Administration';
const ADMIN_OPS = ['logon', 'logoff', 'sessionalive', 'userExecute', 'digipassExecute', 'digipassapplExecute', 'userQuery', 'digipassQuery',
  'componentExecute', 'policyExecute'];

/** Every file under a folder, recursively. */
const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? filesUnder(p) : [p];
});

/** Registry operations whose golden answers are ADMIN-TYPES:<op>Response (the administration namespace). */
function adminOperationsOfRegistry(): string[] {
  return [...defaultOperations().keys()].filter((op) => {
    const answers = filesUnder(join(FIXTURES, op)).filter((f) => f.endsWith('response.xml')).map((f) => readFileSync(f, 'utf8'));
    expect(answers, `golden answers of ${op}`).to.not.be.empty;
    return answers.some((a) => a.includes(`<ADMIN-TYPES:${op}Response>`));
  });
}

const portTypeOps = (wsdl: string): string[] => {
  const port = parseXml(wsdl).children.find((c) => c.name === 'portType')!;
  return port.children.filter((c) => c.name === 'operation').map((c) => c.attrs.name);
};

const xsd = () => parseXml(read('AdministrationTypes.xsd'));
const topElement = (name: string): XmlElement => xsd().children.find((c) => c.name === 'element' && c.attrs.name === name)!;
/** The child element names of a top-level element's anonymous complexType sequence, in order. */
const sequenceOf = (name: string): string[] =>
  topElement(name).children[0].children[0].children.map((c) => c.attrs.name);
const enumValues = (type: string): string[] => {
  const t = xsd().children.find((c) => c.name === 'simpleType' && c.attrs.name === type)!;
  return t.children[0].children.map((c) => c.attrs.value);
};

describe('SOAP door: the Administration WSDL', () => {
  it('is well-formed XML, document/literal, ADMIN-TYPES namespace, endpoint placeholder', () => {
    const wsdl = read('Administration.wsdl');
    const types = read('AdministrationTypes.xsd');
    expect(parseXml(wsdl).name).to.equal('definitions');
    expect(parseXml(types).name).to.equal('schema');
    expect(types).to.contain(`targetNamespace="${ADMIN_NS}"`).and.to.contain('elementFormDefault="unqualified"');
    expect(types).to.contain('schemaLocation="BasicTypes.xsd"').and.to.contain('schemaLocation="CredentialTypes.xsd"');
    expect(wsdl).to.contain('<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>');
    expect(wsdl).to.not.contain('use="encoded"');
    expect(wsdl).to.contain('<soap:address location="http://localhost:8888/"/>');
  });

  it('describes exactly the administration operations the server dispatches', () => {
    const dispatched = adminOperationsOfRegistry();
    expect(dispatched).to.include.members(ADMIN_OPS);
    expect(portTypeOps(read('Administration.wsdl'))).to.have.members(dispatched);
    const described = [...portTypeOps(read('Administration.wsdl')), ...portTypeOps(read('Authentication.wsdl'))];
    expect(described, 'every registered operation is in one of the two WSDLs').to.include.members([...defaultOperations().keys()]);
  });

  it('gives each operation an element pair, a message pair and a document/literal binding', () => {
    const wsdl = read('Administration.wsdl');
    for (const op of adminOperationsOfRegistry()) {
      expect(topElement(op), op).to.not.equal(undefined);
      expect(sequenceOf(`${op}Response`), op).to.deep.equal(['results']);
      expect(wsdl).to.contain(`<wsdl:part name="parameters" element="ADMIN-TYPES:${op}"/>`);
      expect(wsdl).to.contain(`<wsdl:part name="parameters" element="ADMIN-TYPES:${op}Response"/>`);
      expect(wsdl.match(new RegExp(`<wsdl:operation name="${op}">`, 'g')), op).to.have.length(2);
      expect(wsdl).to.contain(`<soap:operation soapAction="${op}" style="document"/>`);
    }
  });

  it('puts sessionID and cmd before attributeSet, as the wire does', () => {
    expect(sequenceOf('logon')).to.deep.equal(['attributeSet']);
    for (const op of ['logoff', 'sessionalive']) expect(sequenceOf(op)).to.deep.equal(['sessionID', 'attributeSet']);
    for (const op of ['userExecute', 'digipassExecute', 'digipassapplExecute', 'componentExecute', 'policyExecute']) expect(sequenceOf(op)).to.deep.equal(['sessionID', 'cmd', 'attributeSet']);
    for (const op of ['userQuery', 'digipassQuery']) expect(sequenceOf(op)).to.deep.equal(['sessionID', 'attributeSet', 'fieldSet', 'queryOptions']);
  });

  it('lists every USERFLD_, DIGIPASSFLD_ and DIGIPASSAPPLFLD_ attribute of the codec table', () => {
    const tables: [string, { id: string }[]][] = [
      ['UserAttributeIDEnum', Object.values(USERFLD)], ['DigipassAttributeIDEnum', Object.values(DIGIPASSFLD)],
      ['DigipassApplAttributeIDEnum', Object.values(DIGIPASSAPPLFLD)], ['ComponentAttributeIDEnum', Object.values(COMPONENTFLD)],
      ['PolicyAttributeIDEnum', Object.values(POLICYFLD)],
    ];
    for (const [type, table] of tables) {
      const values = enumValues(type);
      expect(values, type).to.include.members(table.map((f) => f.id));
      expect(new Set(values).size, `${type} has no duplicates`).to.equal(values.length);
    }
    expect(enumValues('UserAttributeIDEnum')).to.include.members(['USERFLD_CREATE_TIME', 'USERFLD_MODIFY_TIME']);
  });

  it('defines every ADMIN-, CREDENTIAL- and BASIC-TYPES type that the golden admin answers name', () => {
    const prefixes: [string, string][] = [['AdministrationTypes.xsd', 'ADMIN-TYPES'], ['CredentialTypes.xsd', 'CREDENTIAL-TYPES'], ['BasicTypes.xsd', 'BASIC-TYPES']];
    const defined = new Set(prefixes.flatMap(([file, prefix]) =>
      [...read(file).matchAll(/<xsd:(?:complexType|simpleType) name="([^"]+)">/g)].map((m) => `${prefix}:${m[1]}`)));
    const used = new Set(ADMIN_OPS.flatMap((op) => filesUnder(join(FIXTURES, op)).filter((f) => f.endsWith('response.xml')))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/xsi:type="((?:ADMIN|CREDENTIAL|BASIC)-TYPES:[^"]+)"/g)].map((m) => m[1])));
    expect(used).to.include('ADMIN-TYPES:UserAttributeList').and.to.include('ADMIN-TYPES:DigipassResults');
    for (const t of used) expect(defined.has(t), t).to.equal(true);
  });

  it('picks the WSDL from ?wsdl=<service> or the last path segment', () => {
    expect(wsdlAsked('/', 'wsdl')).to.equal('Authentication.wsdl');
    expect(wsdlAsked('/services/Authentication', 'WSDL')).to.equal('Authentication.wsdl');
    expect(wsdlAsked('/', 'wsdl=Administration')).to.equal('Administration.wsdl');
    expect(wsdlAsked('/', 'foo=1&WSDL=administration.wsdl')).to.equal('Administration.wsdl');
    expect(wsdlAsked('/Administration', 'wsdl')).to.equal('Administration.wsdl');
    expect(wsdlAsked('/services/administration/', 'wsdl')).to.equal('Administration.wsdl');
    expect(wsdlAsked('/Administration', 'wsdl=Authentication')).to.equal('Authentication.wsdl');
    expect(wsdlAsked('/x', 'wsdl=nothing')).to.equal('Authentication.wsdl');
    expect(wsdlAsked('/Administration', 'foo=wsdl')).to.equal(undefined);
  });
});

describe('SOAP door: serving the Administration WSDL', () => {
  let server: Server;
  let url: string;
  before(async () => { ({ server, url } = await listen(new FakeEngine())); });
  after(() => close(server));

  const get = async (path: string) => {
    const res = await fetch(`${url}${path}`);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };

  it('answers /?wsdl=Administration and /Administration?wsdl with this server as endpoint', async () => {
    for (const path of ['/?wsdl=Administration', '/Administration?wsdl', '/?WSDL=administration.wsdl', '/services/Administration?wsdl']) {
      const res = await get(path);
      expect(res.status, path).to.equal(200);
      expect(res.type, path).to.equal('text/xml; charset=utf-8');
      expect(res.body, path).to.contain('<wsdl:definitions name="Administration"');
      expect(res.body, path).to.contain(`<soap:address location="${url}/"/>`);
      expect(res.body, path).to.contain(`schemaLocation="${url}/wsdl/AdministrationTypes.xsd"`);
    }
  });

  it('keeps /?wsdl on the Authentication WSDL', async () => {
    const res = await get('/?wsdl');
    expect(res.body).to.contain('<wsdl:definitions name="Authentication"').and.not.contain('ADMIN-TYPES');
  });

  it('serves the XSD imports under /wsdl/', async () => {
    const types = await get('/wsdl/AdministrationTypes.xsd');
    expect(types.status).to.equal(200);
    expect(types.body).to.contain('name="UserResults"');
    expect((await get('/wsdl/Administration.wsdl')).body).to.contain(`schemaLocation="${url}/wsdl/AdministrationTypes.xsd"`);
  });

  it('the soap client loads it over HTTP, imports included, and finds every operation', async () => {
    const client = await soap.createClientAsync(`${url}/?wsdl=Administration`, { attributesKey: '$attributes' });
    const ops = client.describe().Administration.AdministrationPort;
    expect(Object.keys(ops)).to.have.members(ADMIN_OPS);
    expect(JSON.stringify(ops.userExecute.input)).to.contain('sessionID').and.contain('cmd').and.contain('attributeSet');
    expect(JSON.stringify(ops.userQuery.input)).to.contain('fieldSet').and.contain('queryOptions');
  });

  it('the soap client loads the file from disk with its relative imports', async () => {
    const client = await soap.createClientAsync(join(WSDL_DIR, 'Administration.wsdl'), { attributesKey: '$attributes' });
    expect(JSON.stringify(client.describe())).to.contain('attributeID').and.contain('sessionID');
  });
});
