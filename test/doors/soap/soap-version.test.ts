// Envelope namespace and SOAP version (issue 16; docs/soap-input.md): SOAP 1.1 and 1.2 envelopes are
// answered in their own version (Content-Type included), a foreign namespace gets a SOAP 1.1
// VersionMismatch Fault, and raw characters XML 1.0 forbids are Client Faults before the engine.
import { expect } from 'chai';
import { createSoapHandler } from '../../../src/doors/soap/server.js';
import { authUserXml, catalogue, close, FakeEngine, listen, textOf } from './helpers.js';

const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';
const ok = authUserXml();
const soap12 = ok.replace(S11, S12);

describe('SOAP door: envelope version and strict characters (issue 16)', () => {
  it('answers a SOAP 1.2 envelope in SOAP 1.2 over HTTP, with application/soap+xml', async () => {
    const engine = new FakeEngine();
    const { server, url } = await listen(engine);
    try {
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/soap+xml; charset=utf-8' }, body: soap12 });
      const body = await r.text();
      expect(r.status).to.equal(200);
      expect(r.headers.get('content-type')).to.equal('application/soap+xml; charset=utf-8');
      expect(body).to.contain(`xmlns:SOAP-ENV="${S12}"`).and.not.contain(S11);
      const r11 = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: ok });
      expect(await r11.text()).to.equal(body.replace(S12, S11));
      expect(r11.headers.get('content-type')).to.equal('text/xml; charset=utf-8');
      const bad = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/soap+xml' }, body: '<x' });
      expect(bad.status).to.equal(400);
      expect(await bad.text()).to.contain('<SOAP-ENV:Value>SOAP-ENV:Sender</SOAP-ENV:Value>');
    } finally {
      await close(server);
    }
  });

  it('a SOAP 1.1 envelope sent as application/soap+xml is answered in SOAP 1.1 (the envelope decides)', async () => {
    const reply = await createSoapHandler({ engine: new FakeEngine(), catalogue }).handleSoapBody(Buffer.from(ok), 'application/soap+xml');
    expect(reply.status).to.equal(200);
    expect(reply.contentType).to.equal(undefined);
    expect(reply.body).to.contain(`xmlns:SOAP-ENV="${S11}"`);
  });

  for (const [name, body] of Object.entries({
    'a bogus envelope namespace': ok.replace(S11, 'urn:not-soap'),
    'an undeclared envelope prefix': ok.replace(` xmlns:soapenv="${S11}"`, ''),
    'the SOAP 1.1 namespace on a prefix the Envelope does not use': ok.replace('xmlns:soapenv=', 'xmlns:other='),
  })) {
    it(`${name} → SOAP 1.1 VersionMismatch Fault, engine not called`, async () => {
      const engine = new FakeEngine();
      const reply = await createSoapHandler({ engine, catalogue }).handleSoapBody(Buffer.from(body), 'application/soap+xml');
      expect(reply.status).to.equal(500);
      expect(reply.body).to.contain(`xmlns:SOAP-ENV="${S11}"`).and.contain('<faultcode>SOAP-ENV:VersionMismatch</faultcode>');
      expect(engine.seen).to.have.length(0);
    });
  }

  it('keeps accepting any namespace on the operation element', async () => {
    const engine = new FakeEngine();
    const body = ok.replace('http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication', 'urn:whatever');
    expect((await createSoapHandler({ engine, catalogue }).handleSoapBody(Buffer.from(body), 'text/xml')).status).to.equal(200);
    expect(engine.seen).to.have.length(1);
  });

  const RAW: Record<string, Buffer> = {
    'a raw NUL': Buffer.from(ok.replace('>jane.doe<', '>jane\u0000doe<')),
    'a raw U+0001 in an attribute value': Buffer.from(ok.replace('xsi:type="xsd:string"', 'xsi:type="xsd:\u0001string"')),
    'a raw ESC': Buffer.from(ok.replace('>123456<', '>123\u001B456<')),
    'a raw U+FFFF': Buffer.from(ok.replace('>123456<', '>123\uFFFF456<')),
    'a control character in a Latin-1 body': Buffer.from(ok.replace('>jane.doe<', '>jan\u00e9\u0008<'), 'latin1'),
    'a BOM then garbage': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`garbage${ok}`)]),
    'a BOM then a second BOM': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(ok)]),
  };
  for (const [name, body] of Object.entries(RAW)) {
    it(`${name} → Client Fault (not well-formed XML), engine not called`, async () => {
      const engine = new FakeEngine();
      const type = name.includes('Latin-1') ? 'text/xml; charset=iso-8859-1' : 'text/xml';
      const reply = await createSoapHandler({ engine, catalogue }).handleSoapBody(body, type);
      expect(reply.status).to.equal(500);
      expect(textOf(reply.body, 'faultcode')).to.equal('SOAP-ENV:Client');
      expect(textOf(reply.body, 'faultstring')).to.match(/^Request is not well-formed XML: /);
      expect(engine.seen).to.have.length(0);
    });
  }

  it('a BOM before a good envelope, tab, CR and LF in values are still accepted', async () => {
    const engine = new FakeEngine();
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ok.replace('>Web Portal<', '>Web\tPortal\r\n<'))]);
    expect((await createSoapHandler({ engine, catalogue }).handleSoapBody(body, 'text/xml')).status).to.equal(200);
  });
});
