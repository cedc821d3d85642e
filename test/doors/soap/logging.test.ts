// Never log a password (common rules; soap-wire.md §5): whatever happens to a request, the door's log
// lines hold fixed tags, never request content.
import { expect } from 'chai';
import type { AuthRequest } from '../../../src/domain/request.js';
import { createSoapHandler } from '../../../src/doors/soap/server.js';
import { attr, authUserXml, CapturingLog, catalogue, FakeEngine, janeAttrs } from './helpers.js';

const SECRET = 'S3cr3t-Pa55!';

describe('SOAP door: logging', () => {
  it('no log line ever contains a password value', async () => {
    const log = new CapturingLog();
    const ok = new FakeEngine();
    const failing = new FakeEngine(() => { throw new TypeError('store unavailable'); });
    const withSecret = authUserXml([...janeAttrs(SECRET), attr('CREDFLD_STATIC_PASSWORD', SECRET), attr('CREDFLD_NEW_PIN', SECRET)]);
    const requests: [FakeEngine, string, string][] = [
      [ok, withSecret, 'text/xml'],
      [failing, withSecret, 'text/xml'],
      [ok, withSecret.replace('</credentialAttributeSet>', ''), 'text/xml'],
      [ok, `<!DOCTYPE x>${withSecret}`, 'text/xml'],
      [ok, withSecret.replaceAll('authUser>', 'authUserX>'), 'text/xml'],
      [ok, withSecret, 'application/json'],
      [ok, withSecret.replace(SECRET, `${SECRET}&bogus;`), 'text/xml'],
      [ok, withSecret.replace('</credentialAttributeSet>', `${'<!-- pad -->'.repeat(6000)}</credentialAttributeSet>`), 'text/xml'],
    ];
    for (const [engine, xml, type] of requests) {
      await createSoapHandler({ engine, catalogue, log }).handleSoapBody(Buffer.from(xml), type, { sourceAddress: '198.51.100.1' });
    }
    expect((ok.seen[0] as AuthRequest).password).to.equal(SECRET);
    expect(log.lines.length).to.be.greaterThanOrEqual(requests.length - 1);
    expect(log.lines.some((l) => l.includes('store unavailable'))).to.equal(true);
    for (const line of log.lines) expect(line).to.not.contain(SECRET.slice(0, 8));
  });
});
