// soap-wire.md §3 "Tolerate all of these": one small request per variation, each must reach the
// engine as the same authUser request (userId jane.doe, combined format, password 123456).
import { expect } from 'chai';
import type { AuthRequest } from '../../../src/domain/request.js';
import { createSoapHandler } from '../../../src/doors/soap/server.js';
import { catalogue, FakeEngine } from './helpers.js';

const NS = 'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const AUTH = 'http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication';
const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const A = (id: string, value: string, type = 'xsd:string') =>
  `<attributes><value xsi:type="${type}">${value}</value><attributeID>${id}</attributeID></attributes>`;
const STD = A('CREDFLD_COMPONENT_TYPE', 'Web Portal') + A('CREDFLD_USERID', 'jane.doe')
  + A('CREDFLD_PASSWORD_FORMAT', '0', 'xsd:unsignedInt') + A('CREDFLD_PASSWORD', '123456');
const wrap = (set: string, env = 'soapenv', header = `<${env}:Header/>`) =>
  `<${env}:Envelope xmlns:${env}="${ENV}" ${NS} xmlns:aut="${AUTH}">${header}<${env}:Body>`
  + `<aut:authUser><credentialAttributeSet>${set}</credentialAttributeSet></aut:authUser></${env}:Body></${env}:Envelope>`;

const VARIANTS: Record<string, string> = {
  'soapUI shape (soapenv prefix, empty Header)': wrap(STD),
  'env prefix, no Header': wrap(STD, 'env', ''),
  'SOAP-ENV prefix, Header with content': wrap(STD, 'SOAP-ENV', '<SOAP-ENV:Header><x:trace xmlns:x="urn:x">1</x:trace></SOAP-ENV:Header>'),
  'namespaces declared on the operation element':
    `<e:Envelope xmlns:e="${ENV}"><e:Body><ns7:authUser xmlns:ns7="${AUTH}" ${NS}><credentialAttributeSet>${STD}</credentialAttributeSet></ns7:authUser></e:Body></e:Envelope>`,
  'default namespace on an unprefixed operation':
    `<s:Envelope xmlns:s="${ENV}" ${NS}><s:Body><authUser xmlns="${AUTH}"><credentialAttributeSet>${STD}</credentialAttributeSet></authUser></s:Body></s:Envelope>`,
  'value after attributeID': wrap(STD.replace(/(<value[^>]*>[^<]*<\/value>)(<attributeID>[^<]*<\/attributeID>)/g, '$2$1')),
  'attributeOptions before, between and after': wrap(
    '<attributes><attributeOptions><masked>false</masked></attributeOptions><value xsi:type="xsd:string">Web Portal</value><attributeID>CREDFLD_COMPONENT_TYPE</attributeID></attributes>'
    + '<attributes><value xsi:type="xsd:string">jane.doe</value><attributeOptions><negative>false</negative></attributeOptions><attributeID>CREDFLD_USERID</attributeID></attributes>'
    + '<attributes><value xsi:type="xsd:unsignedInt">0</value><attributeID>CREDFLD_PASSWORD_FORMAT</attributeID><attributeOptions/></attributes>'
    + A('CREDFLD_PASSWORD', '123456')),
  'xsi:type on attributes itself': wrap(STD.replaceAll('<attributes>', '<attributes xsi:type="CREDENTIAL-TYPES:CredentialAttribute">')),
  'attributes in another order, mandatory ones last': wrap(
    A('CREDFLD_PASSWORD', '123456') + A('CREDFLD_PASSWORD_FORMAT', '0', 'xsd:unsignedInt') + A('CREDFLD_USERID', 'jane.doe') + A('CREDFLD_COMPONENT_TYPE', 'Web Portal')),
  'empty optional values (DOMAIN, ORGANIZATIONAL_UNIT)': wrap(STD + A('CREDFLD_DOMAIN', '') + A('CREDFLD_ORGANIZATIONAL_UNIT', '')),
  'self-closing and xsi:nil values': wrap(STD + '<attributes><value xsi:type="xsd:string"/><attributeID>CREDFLD_DOMAIN</attributeID></attributes>'
    + '<attributes><value xsi:nil="true"/><attributeID>CREDFLD_SERIAL_NO</attributeID></attributes>'),
  'xsd:int, xsd:boolean, xsd:dateTime and xsd:datetime on other attributes': wrap(STD + A('CREDFLD_NONCE', '42', 'xsd:int')
    + A('CREDFLD_USER_ATTRIBUTE_GROUP', 'true', 'xsd:boolean') + A('CREDFLD_TRANSACTION_TITLE', '2026-01-01T00:00:00Z', 'xsd:dateTime')
    + A('CREDFLD_REQUEST_MESSAGE', '2026-01-01T00:00:00Z', 'xsd:datetime')),
  'xsi:type prefix not declared': `<e:Envelope xmlns:e="${ENV}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><e:Body><a:authUser xmlns:a="${AUTH}"><credentialAttributeSet>`
    + STD.replaceAll('xsd:', 'xs:') + '</credentialAttributeSet></a:authUser></e:Body></e:Envelope>',
  'xsi prefix itself not declared': `<e:Envelope xmlns:e="${ENV}"><e:Body><a:authUser xmlns:a="${AUTH}"><credentialAttributeSet>${STD}</credentialAttributeSet></a:authUser></e:Body></e:Envelope>`,
  '.NET instance prefix i:type': wrap(STD.replaceAll('xsi:type', 'i:type')).replace('<soapenv:Envelope ', '<soapenv:Envelope xmlns:i="http://www.w3.org/2001/XMLSchema-instance" '),
  'XML comments in the body': wrap(`<!-- first -->${STD}<!-- last -->`).replace('<soapenv:Body>', '<soapenv:Body><!-- op follows -->'),
  'XML declaration': `<?xml version="1.0" encoding="UTF-8"?>\n${wrap(STD)}`,
  'XML declaration with trailing spaces': `<?xml version="1.0" encoding="UTF-8" ?>   \n  ${wrap(STD)}`,
  'leading blank lines before the declaration': `\n\n<?xml version="1.0"?>${wrap(STD)}`,
  'pretty-printed with CRLF': wrap(STD.replaceAll('<attributes>', '\r\n    <attributes>\r\n      ').replaceAll('</attributes>', '\r\n    </attributes>')),
  'password as CDATA and as entity references': wrap(STD.replace('>123456<', '><![CDATA[123]]>&#52;&#x35;6<')),
  'unknown CREDFLD attribute and foreign elements ignored': wrap(STD + A('CREDFLD_SOMETHING_NEW', 'x') + '<extension>1</extension>'),
  'SOAPAction-like junk in the Header is irrelevant': wrap(STD, 'soap', '<soap:Header><Action>getChallenge</Action></soap:Header>'),
};

describe('SOAP door: request tolerance (soap-wire.md §3)', () => {
  for (const [name, xml] of Object.entries(VARIANTS)) {
    it(name, async () => {
      const engine = new FakeEngine();
      const reply = await createSoapHandler({ engine, catalogue }).handleSoapBody(Buffer.from(xml, 'utf8'), 'text/xml; charset=utf-8');
      expect(reply.status, reply.body).to.equal(200);
      const r = engine.last as AuthRequest;
      expect(r).to.not.have.property('invalid');
      expect([r.componentType, r.userId, r.passwordFormat, r.password, r.domain, r.serialNo])
        .to.deep.equal(['Web Portal', 'jane.doe', 'combined', '123456', undefined, undefined]);
      expect(reply.body).to.contain('<returnCodeEnum xsi:type="BASIC-TYPES:ReturnCodeEnum">RET_SUCCESS</returnCodeEnum>');
    });
  }

  it('a UTF-8 byte order mark is skipped', async () => {
    const engine = new FakeEngine();
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<?xml version="1.0"?>${wrap(STD)}`)]);
    const reply = await createSoapHandler({ engine, catalogue }).handleSoapBody(body, 'text/xml');
    expect(reply.status).to.equal(200);
    expect((engine.last as AuthRequest).userId).to.equal('jane.doe');
  });

  it('entity references in values are decoded once (&amp;lt; stays &lt;)', async () => {
    const engine = new FakeEngine();
    const xml = wrap(STD.replace('>123456<', '>a&amp;b&lt;c&quot;&apos;&gt;&amp;lt;<'));
    await createSoapHandler({ engine, catalogue }).handleSoapBody(Buffer.from(xml), 'text/xml');
    expect((engine.last as AuthRequest).password).to.equal('a&b<c"\'>&lt;');
  });

  it('CDATA content is taken verbatim (no entity decoding inside)', async () => {
    const engine = new FakeEngine();
    const xml = wrap(STD.replace('>123456<', '><![CDATA[a&amp;<b>]]><'));
    await createSoapHandler({ engine, catalogue }).handleSoapBody(Buffer.from(xml), 'application/xml');
    expect((engine.last as AuthRequest).password).to.equal('a&amp;<b>');
  });

  it('whitespace inside a value is kept (passwords may have spaces)', async () => {
    const engine = new FakeEngine();
    const xml = wrap(STD.replace('>123456<', '> pass word <'));
    await createSoapHandler({ engine, catalogue }).handleSoapBody(Buffer.from(xml), 'text/xml');
    expect((engine.last as AuthRequest).password).to.equal(' pass word ');
  });
});
