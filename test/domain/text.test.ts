// Issue 16, "every encoder escapes what XML cannot carry; stored values are validated on the way in":
// each XML writer's output stays well-formed (checked by a strict parser) whatever a stored value
// holds, and user fields with control characters are refused by every way in, changing nothing.
import { parseXml } from '@rgrove/parse-xml';
import { expect } from 'chai';
import { createUser } from '../../src/admin/user-create.js';
import { updateUser } from '../../src/admin/user-update.js';
import { loadSeed } from '../../src/admin/import-seed.js';
import { escapeXml, unstorableText } from '../../src/domain/text.js';
import { encode } from '../../src/doors/rest/formats.js';
import { encodeFault } from '../../src/doors/soap/codec/encode.js';
import { adminSuccess } from '../../src/doors/soap/codec/encode-admin.js';
import { applyStatusOverrides } from '../../src/domain/status.js';
import { proxyFault } from '../../src/record/proxy.js';
import { junitXml } from '../../src/record/report.js';
import { openStore, type Store } from '../../src/store/store.js';
import { fastHasher } from '../support/engine-harness.js';

const HOSTILE = 'a\u0000b\u0001c\u001Fd\uFFFEe\uD800f<&>"\'';

describe('XML text: escaping and stored values (issue 16)', () => {
  it('escapeXml turns what XML cannot carry into U+FFFD and escapes markup', () => {
    expect(escapeXml(HOSTILE)).to.equal('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf&lt;&amp;&gt;&quot;&apos;');
    expect(escapeXml('tab\tcr\rlf\n é 😀')).to.equal('tab\tcr\rlf\n é 😀');
  });

  it('every XML writer stays well-formed with a hostile stored value', () => {
    const catalogue = applyStatusOverrides({});
    const docs = {
      'REST listusers format=2': encode('xml', [{ userid: 'u1', username: `mail${HOSTILE}@example.com` }], 'u1'),
      'SOAP Fault': encodeFault('SOAP-ENV:Client', HOSTILE),
      'admin SOAP answer': adminSuccess('userExecute', 'User', [{ id: 'USERFLD_EMAIL', value: HOSTILE, type: 'string' }], catalogue),
      'recorder Fault': proxyFault(HOSTILE),
      'replay JUnit report': junitXml([{ title: HOSTILE, outcome: 'error', differences: [], error: HOSTILE, ms: 1 }], HOSTILE),
    };
    for (const [name, xml] of Object.entries(docs)) {
      expect(() => parseXml(xml), name).to.not.throw();
      expect(xml, name).to.contain('\uFFFD');
    }
  });

  it('unstorableText names the field, the character and its position; descriptions may hold tab and newline', () => {
    expect(unstorableText({ 'e-mail address': 'a\u0001b' })).to.equal('The e-mail address contains the control character U+0001 at position 2: remove it and send the value again');
    expect(unstorableText({ 'user ID': 'jane\tdoe' })).to.match(/user ID contains the control character U\+0009/);
    expect(unstorableText({ description: 'line 1\nline\t2' }, ['description'])).to.equal(undefined);
    expect(unstorableText({ description: 'x\u007F' }, ['description'])).to.match(/U\+007F/);
    expect(unstorableText({ email: null, mobile: undefined, id: 'zoë@example.com' })).to.equal(undefined);
  });

  describe('through the admin use cases and the seed loader', () => {
    let store: Store;
    const now = Date.UTC(2026, 0, 1);
    beforeEach(async () => { store = await openStore('memory:', { masterKey: Buffer.alloc(32, 3), clock: { now: () => now } }); });
    afterEach(async () => store.close());
    const svc = () => ({ store, clock: { now: () => now }, random: { bytes: (n: number) => Buffer.alloc(n, 7) }, hasher: fastHasher() });

    it('create and update refuse control characters with INVDATA and store nothing', async () => {
      for (const input of [{ userId: 'bad\u0001id' }, { userId: 'x', email: 'x\u0000@example.com' }, { userId: 'x', mobile: '+1\n555' }, { userId: 'x', description: 'd\u001B' }]) {
        const r = await createUser(svc(), input);
        expect(r.ok, JSON.stringify(input)).to.equal(false);
        expect(!r.ok && r.status).to.equal('INVDATA');
      }
      expect(await store.listUsers(0, 10)).to.have.length(0);
      expect((await createUser(svc(), { userId: 'jane', email: 'jane@example.com', description: 'two\nlines' })).ok).to.equal(true);
      const r = await updateUser(svc(), { userId: 'jane', domain: 'master' }, { email: 'jane\u0007@example.com' });
      expect(!r.ok && r.detail).to.match(/e-mail address contains the control character U\+0007/);
      expect((await store.listUsers(0, 10))[0].email).to.equal('jane@example.com');
    });

    it('a seed with a control character in a user field is refused', async () => {
      const seed = { users: [{ userId: 'ok.user' }, { userId: 'bad.user', email: 'bad\u0002@example.com' }] };
      let error: unknown;
      try { await loadSeed(store, seed, fastHasher()); } catch (e) { error = e; }
      expect(String(error)).to.match(/email contains the control character U\+0002/);
    });
  });
});
