// Issue 16, memory and event-loop stalls: every XML limit refuses with a Client Fault before a tree is
// built, and hostile envelopes sent together (the attack of the issue) stay within a memory bound
// while a normal authUser sent among them is answered. No assertion on speed.
import { request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'chai';
import { XML_LIMITS } from '../../../src/doors/soap/decisions.js';
import { createSoapHandler } from '../../../src/doors/soap/server.js';
import { parseXml } from '../../../src/doors/soap/codec/tree.js';
import { checkXml, XmlError } from '../../../src/record/xml.js';
import { SCHEMA } from '../../../src/config/schema.js';
import { MAX_BODY_BYTES_LIMIT } from '../../../src/doors/soap/decisions.js';
import { authUserXml, catalogue, close, FakeEngine, janeAttrs, listen, textOf } from './helpers.js';

const ok = authUserXml();
const inSet = (inner: string): string => ok.replace('<credentialAttributeSet>', `<credentialAttributeSet>${inner}`);
const manyAttrs = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => ` a${from + i}=""`).join('');

/** An envelope of about `bytes` bytes whose one element carries empty attributes up to that size. */
function attributeFlood(bytes: number): string {
  const head = ok.indexOf('<credentialAttributeSet>');
  const room = bytes - ok.length - '<x/>'.length;
  let attrs = '';
  for (let i = 0; attrs.length < room - 12; i++) attrs += ` a${i}=""`;
  return `${ok.slice(0, head)}<x${attrs}/>${ok.slice(head)}`;
}

const LIMIT_CASES: Record<string, { body: string; fault: RegExp }> = {
  depth: { body: inSet(`${'<a>'.repeat(40)}${'</a>'.repeat(40)}`), fault: /nested deeper than the limit \(the limit is 32\)/ },
  elements: { body: inSet('<a/>'.repeat(XML_LIMITS.maxElements)), fault: /more elements than the limit \(the limit is 2048\)/ },
  'attributes on one element': { body: inSet(`<a${manyAttrs(XML_LIMITS.maxAttributesPerElement + 1)}/>`), fault: /more attributes on one element than the limit/ },
  'attributes in all': { body: inSet(Array.from({ length: 40 }, (_, i) => `<a${manyAttrs(30, i * 30)}/>`).join('')), fault: /more attributes than the limit \(the limit is 1024\)/ },
  'element name length': { body: inSet(`<${'n'.repeat(300)}/>`), fault: /a name longer than the limit \(the limit is 256\)/ },
  'attribute name length': { body: inSet(`<a ${'n'.repeat(300)}="1"/>`), fault: /a name longer than the limit/ },
  'text length': { body: inSet(`<a>${'t'.repeat(XML_LIMITS.maxTextLength + 1)}</a>`), fault: /a text longer than the limit/ },
  'attribute value length': { body: inSet(`<a b="${'v'.repeat(XML_LIMITS.maxTextLength + 1)}"/>`), fault: /an attribute value longer than the limit/ },
  'CDATA length': { body: inSet(`<a><![CDATA[${'c'.repeat(XML_LIMITS.maxTextLength + 1)}]]></a>`), fault: /a CDATA section longer than the limit/ },
};

describe('SOAP door: XML bounds (issue 16)', () => {
  for (const [name, c] of Object.entries(LIMIT_CASES)) {
    it(`${name} over the limit → Client Fault, engine not called`, async () => {
      const engine = new FakeEngine();
      const reply = await createSoapHandler({ engine, catalogue, maxBodyBytes: MAX_BODY_BYTES_LIMIT }).handleSoapBody(Buffer.from(c.body), 'text/xml');
      expect(reply.status).to.equal(500);
      expect(reply.body).to.contain('<faultcode>SOAP-ENV:Client</faultcode>');
      expect(textOf(reply.body, 'faultstring')).to.match(c.fault);
      expect(engine.seen).to.have.length(0);
    });
  }

  it('counts only markup: comments, CDATA, quoted ">" and "=" in text do not count, limits just reached pass', async () => {
    const engine = new FakeEngine();
    const handler = createSoapHandler({ engine, catalogue, maxBodyBytes: MAX_BODY_BYTES_LIMIT });
    const tricky = inSet(`<!-- <a><b><c> a="" --><a b="x > y = z"/><![CDATA[<a><a x="">]]>${'<a c="=">a=b</a>'.repeat(10)}`
      + `<a${manyAttrs(XML_LIMITS.maxAttributesPerElement)}/><d>${'t'.repeat(XML_LIMITS.maxTextLength)}</d>`);
    const reply = await handler.handleSoapBody(Buffer.from(tricky), 'text/xml');
    expect(reply.status).to.equal(200);
    expect(engine.seen).to.have.length(1);
  });

  it('a 1 MiB envelope with 110,000 attributes is refused having grown the heap by under 1 MB (no tree built)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const flood = Buffer.from(attributeFlood(MAX_BODY_BYTES_LIMIT)).toString('utf8');
    const grown: number[] = [];
    for (let i = 0; i < 3; i++) {
      gc();
      const before = process.memoryUsage().heapUsed;
      expect(() => parseXml(flood)).to.throw().with.property('faultstring').that.matches(/more attributes on one element/);
      grown.push(process.memoryUsage().heapUsed - before);
    }
    // Without the pre-scan the parser builds the element first: 12-20 MB here.
    expect(Math.min(...grown), `heap grew by ${grown.join(', ')} bytes`).to.be.below(1024 * 1024);
  });

  it('the recorder and replay reader applies the same bounds to recorded bodies', () => {
    expect(() => checkXml(attributeFlood(65_000))).to.throw(XmlError, /is refused: Request refused: more attributes on one element/);
    expect(() => checkXml(ok)).to.not.throw();
  });

  it('the configured body limit cannot exceed 1 MiB', () => {
    expect(SCHEMA.maxBodyBytes.parse(String(MAX_BODY_BYTES_LIMIT))).to.equal(MAX_BODY_BYTES_LIMIT);
    expect(() => SCHEMA.maxBodyBytes.parse(String(MAX_BODY_BYTES_LIMIT + 1))).to.throw();
    expect(() => SCHEMA.maxBodyBytes.parse(String(16 * 1024 * 1024))).to.throw();
  });

  it('300 concurrent 65,000-byte attribute floods and a 1 MiB one: refused in bounded memory, a normal authUser among them answered', async function () {
    this.timeout(60_000);
    const engine = new FakeEngine();
    const { server, url } = await listen(engine, { maxBodyBytes: MAX_BODY_BYTES_LIMIT });
    try {
      const flood = Buffer.from(attributeFlood(65_000));
      const big = Buffer.from(attributeFlood(MAX_BODY_BYTES_LIMIT - 64));
      expect(flood.length).to.be.within(64_000, 65_000);
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 2);
      const hostile = [...Array.from({ length: 300 }, () => post(url, flood)), post(url, big)];
      const normal = post(url, Buffer.from(authUserXml(janeAttrs())));
      const [answers, mine] = await Promise.all([Promise.all(hostile), normal]);
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      for (const a of answers) {
        expect(a.status).to.equal(500);
        expect(textOf(a.body, 'faultstring')).to.match(/more attributes on one element than the limit/);
      }
      expect(mine.status).to.equal(200);
      expect(textOf(mine.body, 'statusCodeEnum')).to.equal('STAT_SUCCESS');
      expect(engine.seen).to.have.length(1);
      // The bodies themselves are ~20 MB; before the bounds the same attack took 641 MB.
      expect(peak - rss0, `RSS grew by ${Math.round((peak - rss0) / 1e6)} MB`).to.be.below(200 * 1024 * 1024);
    } finally {
      await close(server);
    }
  });
});

function post(url: string, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'text/xml', 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
