// End to end over HTTP: the REST MFA API's Push answer (other-frontends.md §3, flows.md §6): an empty
// otp holds POST /authentication/otp until the device (the simulator) approves or rejects.
import { expect } from 'chai';
import { startE2E, type E2E } from '../../../e2e/support.js';
import { simulate, waitForPending } from '../../../e2e/push-support.js';
import { api, lockCount, openapi, setPassword } from './support.js';

describe('REST MFA API: push', function () {
  this.timeout(30_000);
  let e: E2E;
  let doc: unknown;
  const partial = async (): Promise<string> => String((await api(e, doc, '/authentication', { username: 'carol.push', password: 'Carol-pw' })).body.token);
  const otp = (token: string, body: unknown) => api(e, doc, '/authentication/otp', body, { token });

  before(async () => {
    e = await startE2E(undefined, { COUNTERSIGN_DEVICE_SIMULATOR: '1' });
    doc = await openapi(e);
    await setPassword(e, 'carol.push', 'Carol-pw');
  });
  after(() => e.stop());

  it('answers Push with the policy timeout and sendPassword false', async () => {
    const r = await api(e, doc, '/authentication/otp/initialize', {}, { token: await partial() }, 'MfaInitializeResult');
    expect(r.body).to.deep.equal({ type: 'Push', timeout: 30, sendPassword: false });
  });

  it('holds the call until the device approves, then answers a full token', async () => {
    const token = await partial();
    const held = otp(token, { otp: '' });
    const [pending] = await waitForPending(e.url);
    expect((await simulate(e.url, 'approve', pending!.challengeKey)).http).to.equal(200);
    const r = await held;
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body.stage).to.equal('full');
  });

  it('answers 401 when the device rejects, without counting it toward the lock', async () => {
    const token = await partial();
    const held = otp(token, { otp: '' });
    const [pending] = await waitForPending(e.url);
    await simulate(e.url, 'reject', pending!.challengeKey);
    const r = await held;
    expect(r.status).to.equal(401);
    expect(String(r.body.message)).to.contain('PUSH_REJECTED');
    expect((await lockCount(e, 'carol.push')).lockCount).to.equal(0);
  });

  it('also takes the policy push keyword as the otp, as SOAP does', async () => {
    const held = otp(await partial(), { otp: 'PUSH' });
    const [pending] = await waitForPending(e.url);
    await simulate(e.url, 'approve', pending!.challengeKey);
    expect((await held).status).to.equal(200);
  });
});
