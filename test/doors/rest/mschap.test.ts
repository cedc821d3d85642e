// The RADIUS connector's MS-CHAPv2 fields (other-frontends.md §4): the hex wire format parsed into the
// engine's proof, checked with the RFC 2759 §9.2 exchange, and every malformed value refused.
import { expect } from 'chai';
import { mschapUserName, parseMschap } from '../../../src/doors/rest/mschap.js';
import { ntResponseMatcher } from '../../../src/otp/mschapv2.js';

const AUTH_CHALLENGE = '5B5D7C7D7B3F2F3E3C2C602132262628';
const PEER_CHALLENGE = '21402324255E262A28295F2B3A337C7E';
const NT_RESPONSE = '82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF';
/** MS-CHAP2-Response: Ident 0x01, Flags 0, Peer-Challenge, 8 reserved zero bytes, NT-Response. */
const RESPONSE_50 = `0100${PEER_CHALLENGE}${'00'.repeat(8)}${NT_RESPONSE}`;
const RESPONSE_49 = RESPONSE_50.slice(2);

const errorOf = (body: Parameters<typeof parseMschap>[0]): string => {
  const r = parseMschap(body);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
};

describe('doors/rest/mschap: parseMschap', () => {
  it('parses the 50-byte MS-CHAP2-Response into a proof the RFC 2759 password satisfies', () => {
    const r = parseMschap({ login: 'User', mschap_challenge: AUTH_CHALLENGE, mschap_response: RESPONSE_50 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.userName).to.equal('User');
    expect(r.value.authenticatorChallenge.toString('hex').toUpperCase()).to.equal(AUTH_CHALLENGE);
    expect(r.value.peerChallenge.toString('hex').toUpperCase()).to.equal(PEER_CHALLENGE);
    expect(r.value.ntResponse.toString('hex').toUpperCase()).to.equal(NT_RESPONSE);
    const matches = ntResponseMatcher(r.value);
    expect(matches('clientPass')).to.equal(true);
    expect(matches('clientPass1')).to.equal(false);
  });
  it('parses the 49-byte value without the Ident, lower-case and 0x-prefixed hex alike', () => {
    const a = parseMschap({ login: 'User', mschap_challenge: AUTH_CHALLENGE, mschap_response: RESPONSE_49 });
    const b = parseMschap({ login: 'User', mschap_challenge: `0x${AUTH_CHALLENGE.toLowerCase()}`, mschap_response: `0x${RESPONSE_50.toLowerCase()}` });
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(a.value).to.deep.equal(b.value);
    expect(ntResponseMatcher(a.value)('clientPass')).to.equal(true);
  });
  it('hashes the user name without the NT domain prefix', () => {
    const r = parseMschap({ login: 'CORP\\User', mschap_challenge: AUTH_CHALLENGE, mschap_response: RESPONSE_50 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.userName).to.equal('User');
    expect(ntResponseMatcher(r.value)('clientPass')).to.equal(true);
    expect(mschapUserName('A\\B\\user')).to.equal('user');
    expect(mschapUserName('user@example.com')).to.equal('user@example.com');
  });
  it('refuses a missing, non-string, odd, non-hex or wrong-length challenge', () => {
    for (const mschap_challenge of [undefined, 42, '', AUTH_CHALLENGE.slice(1), `${AUTH_CHALLENGE}00`, AUTH_CHALLENGE.replace('5B', 'ZZ'), `0x${AUTH_CHALLENGE.slice(2)}`]) {
      expect(errorOf({ login: 'User', mschap_challenge, mschap_response: RESPONSE_50 })).to.match(/^mschap_challenge: /);
    }
  });
  it('refuses a missing, non-string, non-hex or wrong-length response', () => {
    for (const mschap_response of [undefined, null, RESPONSE_50.slice(4), `${RESPONSE_50}00`, RESPONSE_50.replace(/.$/, 'g'), [RESPONSE_50]]) {
      expect(errorOf({ login: 'User', mschap_challenge: AUTH_CHALLENGE, mschap_response })).to.match(/^mschap_response: /);
    }
  });
  it('refuses a login that is only a domain prefix', () => {
    expect(errorOf({ login: 'CORP\\', mschap_challenge: AUTH_CHALLENGE, mschap_response: RESPONSE_50 })).to.match(/^login: /);
  });
});
