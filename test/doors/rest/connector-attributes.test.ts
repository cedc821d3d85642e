// The RADIUS connector endpoint with stored data (other-frontends.md §4; issues 5 and 7): the approved
// user's reply attributes in the 2xx body, none for a user without any, and API keys read from the
// store at each request (a key added works at once, a revoked one is refused).
import { expect } from 'chai';
import { totp } from '../../../src/otp/totp.js';
import { apiKeyDigest } from '../../../src/store/api-key-digest.js';
import { startE2E, type E2E } from '../../e2e/support.js';
import { KEY, call, connectorClient } from './support.js';

const SECRET = Buffer.from('12345678901234567890');
const T = Date.UTC(2026, 6, 1, 9, 0, 0);
const otp = (steps: number) => totp(SECRET, T + steps * 30_000, 30, 6, 'SHA1');

describe('REST RADIUS connector: reply attributes and stored API keys', function () {
  this.timeout(30_000);
  let e: E2E;
  let doc: unknown;
  const connector = connectorClient(() => e.url, () => doc);
  const send = (login: string, password: string, token = KEY) => connector({ login, password, auth_port: 1812 }, { token });

  before(async () => {
    e = await startE2E({ now: () => T });
    doc = JSON.parse((await call(`${e.url}openapi.json`)).text);
  });
  after(() => e.stop());

  it('answers the approved user\'s reply attributes in order, and an empty list for others', async () => {
    const store = e.running.app.store;
    const jane = (await store.findUser('master', 'jane.doe'))!;
    await store.setReplyAttributes(jane.id, [
      { name: 'Tunnel-Private-Group-Id', value: '101' }, { name: 'Tunnel-Type', value: 'VLAN' }, { name: 'Class', value: 'staff', op: '+=' },
    ]);
    const ok = await send('jane.doe', `1234${otp(0)}`);
    expect(ok.status).to.equal(200);
    expect(ok.body).to.deep.equal({ id: 'master/jane.doe', login: 'jane.doe', attributes: [
      { name: 'Tunnel-Private-Group-Id', value: '101', op: ':=' }, { name: 'Tunnel-Type', value: 'VLAN', op: ':=' },
      { name: 'Class', value: 'staff', op: '+=' },
    ] });
    const john = await send('john.smith', '755224');
    expect(john.status).to.equal(200);
    expect(john.body.attributes).to.deep.equal([]);
    const wrong = await send('jane.doe', '1234000000');
    expect(wrong.status).to.equal(422);
    expect(wrong.body).not.to.have.property('attributes');
  });

  it('accepts a key added to the store at once and refuses it after revocation', async () => {
    const store = e.running.app.store;
    await store.createApiKey('ops', apiKeyDigest('ops-key-1'), T);
    expect((await send('jane.doe', `1234${otp(1)}`, 'ops-key-1')).status).to.equal(200);
    expect(await store.revokeApiKey('ops', T + 1)).to.equal(true);
    const refused = await send('jane.doe', `1234${otp(2)}`, 'ops-key-1');
    expect(refused.status).to.equal(401);
    expect(refused.body).to.deep.equal({ errors: ['invalid or missing API token'] });
    expect((await send('jane.doe', `1234${otp(2)}`, '')).status).to.equal(401);
  });
});
