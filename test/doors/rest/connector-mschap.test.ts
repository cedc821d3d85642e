// End to end over HTTP: MS-CHAPv2 on the RADIUS connector (other-frontends.md §4).
import { expect } from 'chai';
import { hotp } from '../../../src/otp/hotp.js';
import { generateAuthenticatorResponse, generateNtResponse } from '../../../src/otp/mschapv2.js';
import { startE2E, type E2E } from '../../e2e/support.js';
import { call, connectorClient } from './support.js';

const SECRET = Buffer.from('12345678901234567890');
const T = Date.UTC(2026, 5, 1, 9, 0, 0);
const AC = Buffer.alloc(16, 0x5b);
const PC = Buffer.alloc(16, 0x21);
const wire = (userName: string, otp: string) => ({
  mschap_challenge: AC.toString('hex'),
  mschap_response: `0100${PC.toString('hex')}${'00'.repeat(8)}${generateNtResponse(AC, PC, userName, otp).toString('hex')}`,
});

describe('REST RADIUS connector: MS-CHAPv2', function () {
  this.timeout(30_000);
  let e: E2E;
  let doc: unknown;
  const send = connectorClient(() => e.url, () => doc);
  before(async () => { e = await startE2E({ now: () => T }); doc = JSON.parse((await call(`${e.url}openapi.json`)).text); });
  after(() => e.stop());

  it('approves an OTP-only HOTP from MS-CHAPv2 once and answers mschap2_success', async () => {
    const code = hotp(SECRET, 0, 6, 'SHA1');
    const r = await send({ login: 'CORP\\john.smith', ...wire('john.smith', code) });
    expect(r.status).to.equal(200);
    expect(r.body.mschap2_success).to.equal(generateAuthenticatorResponse(code, { userName: 'john.smith', authenticatorChallenge: AC, peerChallenge: PC, ntResponse: generateNtResponse(AC, PC, 'john.smith', code) }));
    expect((await send({ login: 'john.smith', ...wire('john.smith', code) })).status).to.equal(422);
  });
  it('refuses a PIN-protected user and malformed fields', async () => {
    const pin = await send({ login: 'jane.doe', ...wire('jane.doe', '123456') });
    expect(pin.status).to.equal(422);
    const bad = await send({ login: 'jane.doe', mschap_challenge: 'aa', mschap_response: 'bb' });
    expect(bad.status).to.equal(422);
    expect(String((bad.body.errors as string[])[0])).to.contain('MS-CHAPv2');
  });
});
