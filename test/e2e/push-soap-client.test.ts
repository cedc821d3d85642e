// The push device operations through a real SOAP toolkit (soap-wire.md §4 typed operations): the `soap`
// npm client reads getPreparedSecureChallenge and cancelAuthUser from our WSDL, and its calls fetch the
// held transaction once and reject it.
import { expect } from 'chai';
import * as soap from 'soap';
import { startE2E, type E2E } from './support.js';
import { DEVICE, pushLogin, waitForPending } from './push-support.js';

type Typed = string | { $value: string };
interface StatusOut { status: { resultCodes: { statusCodeEnum: Typed } }; result?: { challengeKey: Typed; challenge: Typed } }

/** The client reads an element with xsi:type as `{ attributes, $value }`. */
const text = (v: Typed | undefined): string | undefined => (typeof v === 'object' ? v.$value : v);
const statusOf = (o: StatusOut): string | undefined => text(o.status.resultCodes.statusCodeEnum);

describe('end to end: push device operations with the soap npm client', function () {
  this.timeout(20_000);
  let e2e: E2E;
  before(async () => { e2e = await startE2E(undefined, { COUNTERSIGN_DEVICE_SIMULATOR: '1' }); });
  after(async () => { await e2e.stop(); });

  it('fetches the transaction once and rejects it', async () => {
    const client = await soap.createClientAsync(`${e2e.url}?wsdl`);
    const ops = client.describe().Authentication.AuthenticationPort;
    expect(ops).to.include.keys('authUser', 'getPreparedSecureChallenge', 'cancelAuthUser', 'getSecureChallenge');
    const held = pushLogin(e2e.url);
    const [tx] = await waitForPending(e2e.url);
    const ask = { componentType: 'SOAP Auth Client', serialNumber: DEVICE, challengeKey: tx!.challengeKey };
    const [first] = (await client.getPreparedSecureChallengeAsync(ask)) as [StatusOut];
    expect(statusOf(first)).to.equal('STAT_SUCCESS');
    expect(text(first.result?.challenge)).to.equal(tx!.message);
    const [second] = (await client.getPreparedSecureChallengeAsync(ask)) as [StatusOut];
    expect(statusOf(second)).to.equal('STAT_NOT_FOUND');
    const [cancelled] = (await client.cancelAuthUserAsync({ componentType: 'SOAP Auth Client', serialNumber: DEVICE, challengeKeyMessage: tx!.challengeKey })) as [StatusOut];
    expect(statusOf(cancelled)).to.equal('STAT_SUCCESS');
    expect((await held).status).to.equal('STAT_PUSH_REJECTED');
  });
});
