// soap-wire.md §3 "Reject, with a SOAP 1.1 Fault": each case answers HTTP 500 with a SOAP-ENV:Client
// Fault, a clear faultstring, and never reaches the engine (no state change).
import { expect } from 'chai';
import { decodeXmlText } from '../../../src/doors/soap/codec/xml.js';
import { createSoapHandler } from '../../../src/doors/soap/server.js';
import { authUserXml, catalogue, FakeEngine, janeAttrs } from './helpers.js';

const faultstring = (xml: string): string => decodeXmlText(/<faultstring>([^<]*)<\/faultstring>/.exec(xml)?.[1] ?? '');
const ENV = 'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"';
const ok = authUserXml();

interface Case { body: string | Buffer; type?: string; fault: RegExp }

const CASES: Record<string, Case> = {
  'not XML at all': { body: 'userid=jane.doe&password=123456', fault: /not well-formed XML/ },
  'an unclosed element': { body: ok.replace('</credentialAttributeSet>', ''), fault: /not well-formed XML: Unexpected close tag \(line 1, column \d+\)/ },
  'an empty body': { body: '', fault: /not well-formed XML/ },
  'two root elements': { body: `${ok}<extra/>`, fault: /not well-formed XML: Documents may contain only one root \(line 1, column \d+\)/ },
  'a DOCTYPE with an external entity (XXE)': {
    body: `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${ok.replace('>123456<', '>&xxe;<')}`,
    fault: /DTDs and entity declarations are not accepted/,
  },
  'a DOCTYPE without entities': { body: `<!DOCTYPE soapenv:Envelope>${ok}`, fault: /DTDs/ },
  'a lower-case doctype': { body: `<!doctype x>${ok}`, fault: /DTDs/ },
  'an undefined entity reference': { body: ok.replace('>123456<', '>&lol;<'), fault: /not well-formed XML: Undefined entity \(line 1, column \d+\)/ },
  'a character reference to a forbidden character': { body: ok.replace('>123456<', '>&#0;<'), fault: /not well-formed XML: Malformed character entity \(line 1, column \d+\)/ },
  'a root element that is not Envelope': { body: '<authUser><credentialAttributeSet/></authUser>', fault: /Not a SOAP envelope/ },
  'an Envelope without Body': { body: `<soapenv:Envelope ${ENV}><soapenv:Header/></soapenv:Envelope>`, fault: /has no Body/ },
  'an empty Body': { body: `<soapenv:Envelope ${ENV}><soapenv:Body>  </soapenv:Body></soapenv:Envelope>`, fault: /Body is empty/ },
  'an unknown operation element': { body: ok.replaceAll('aut:authUser>', 'aut:stealSecrets>'), fault: /Unknown operation element <aut:stealSecrets>/ },
  'an operation name differing only in case': { body: ok.replaceAll('aut:authUser>', 'aut:AuthUser>'), fault: /Unknown operation element/ },
  'a missing credentialAttributeSet': {
    body: `<soapenv:Envelope ${ENV}><soapenv:Body><authUser><attributeSet/></authUser></soapenv:Body></soapenv:Envelope>`,
    fault: /authUser has no credentialAttributeSet element/,
  },
  'a JSON content type': { body: ok, type: 'application/json', fault: /Unsupported Content-Type "application\/json"/ },
  'a form content type': { body: ok, type: 'application/x-www-form-urlencoded', fault: /Unsupported Content-Type/ },
  'an unsupported charset': { body: ok, type: 'text/xml; charset=windows-1251', fault: /Unsupported charset "windows-1251"/ },
  'an undeclared non-UTF-8 body': { body: Buffer.from(ok.replace('jane.doe', 'jos\u00e9'), 'latin1'), fault: /not valid UTF-8.*ISO-8859-1/ },
  'a body declared UTF-8 that is Latin-1': {
    body: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${ok.replace('jane.doe', 'jos\u00e9')}`, 'latin1'), fault: /not valid UTF-8/,
  },
  'a UTF-16 body': { body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ok, 'utf16le')]), fault: /UTF-16 request bodies are not supported/ },
  'a body over the size limit': { body: authUserXml([...janeAttrs(), { id: 'CREDFLD_NONCE', value: 'x'.repeat(70_000), type: 'xsd:string' }]), fault: /larger than 65536 bytes/ },
  'elements nested deeper than the limit': {
    body: ok.replace('<credentialAttributeSet>', `<credentialAttributeSet>${'<a>'.repeat(150)}${'</a>'.repeat(150)}`), fault: /nested deeper than the limit \(the limit is 32\)/,
  },
};

describe('SOAP door: Faults (soap-wire.md §3)', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name} → SOAP-ENV:Client Fault, HTTP 500, engine not called`, async () => {
      const engine = new FakeEngine();
      const body = typeof c.body === 'string' ? Buffer.from(c.body, 'utf8') : c.body;
      const reply = await createSoapHandler({ engine, catalogue }).handleSoapBody(body, c.type ?? 'text/xml; charset=utf-8');
      expect(reply.status).to.equal(500);
      expect(reply.body).to.contain('<faultcode>SOAP-ENV:Client</faultcode>');
      expect(faultstring(reply.body)).to.match(c.fault);
      expect(engine.seen).to.have.length(0);
    });
  }

  it('the size limit is configurable', async () => {
    const engine = new FakeEngine();
    const body = Buffer.from(ok);
    const small = createSoapHandler({ engine, catalogue, maxBodyBytes: body.length - 1 });
    expect((await small.handleSoapBody(body, 'text/xml')).body).to.match(/larger than \d+ bytes/);
    const exact = createSoapHandler({ engine, catalogue, maxBodyBytes: body.length });
    expect((await exact.handleSoapBody(body, 'text/xml')).status).to.equal(200);
  });

  it('judges every request\'s Content-Type afresh, whatever the request before it sent', async () => {
    const engine = new FakeEngine();
    const handler = createSoapHandler({ engine, catalogue });
    const statuses: number[] = [];
    for (const type of ['text/xml; charset=utf-8', 'application/json', 'text/xml; charset=utf-8', 'application/json', 'text/xml; charset=iso-8859-1']) {
      statuses.push((await handler.handleSoapBody(Buffer.from(ok), type)).status);
    }
    expect(statuses).to.deep.equal([200, 500, 200, 500, 200]);
    const latin1 = await handler.handleSoapBody(Buffer.from(ok.replace('>jane.doe<', '>j\u00e9<'), 'latin1'), 'text/xml; charset=iso-8859-1');
    expect(latin1.status).to.equal(200);
    expect((engine.seen.at(-1) as { userId?: string }).userId).to.equal('j\u00e9');
  });

  it('an engine that throws gives a generic SOAP-ENV:Server Fault without details', async () => {
    const engine = new FakeEngine(() => { throw new Error('database exploded at /srv/secret/path'); });
    const reply = await createSoapHandler({ engine, catalogue }).handleSoapBody(Buffer.from(ok), 'text/xml');
    expect(reply.status).to.equal(500);
    expect(reply.body).to.contain('<faultcode>SOAP-ENV:Server</faultcode>');
    expect(reply.body).to.not.match(/exploded|secret|at .*\.js/);
  });

  it('a Fault is a well-formed SOAP 1.1 envelope', async () => {
    const reply = await createSoapHandler({ engine: new FakeEngine(), catalogue }).handleSoapBody(Buffer.from('<x'), 'text/xml');
    expect(reply.body).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http:\/\/schemas.xmlsoap.org\/soap\/envelope\/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client<\/faultcode><faultstring>[^<]+<\/faultstring><\/SOAP-ENV:Fault><\/SOAP-ENV:Body><\/SOAP-ENV:Envelope>$/);
  });
});
