// MS-CHAPv2 against RFC 2759 §9.2 (every intermediate value), MD4 against the RFC 1320 §A.5 test
// suite, and single DES against the classic FIPS 46 worked example.
import { expect } from 'chai';
import {
  challengeHash, challengeResponse, desEncrypt, desKey, generateAuthenticatorResponse, generateNtResponse, md4,
  ntPasswordHash, ntResponseMatcher, type MsChapV2Exchange,
} from '../../src/otp/mschapv2.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/ /g, ''), 'hex');
const RFC = {
  userName: 'User',
  password: 'clientPass',
  authenticatorChallenge: hex('5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28'),
  peerChallenge: hex('21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E'),
  challenge: hex('D0 2E 43 86 BC E9 12 26'),
  passwordHash: hex('44 EB BA 8D 53 12 B8 D6 11 47 44 11 F5 69 89 AE'),
  ntResponse: hex('82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF'),
  passwordHashHash: hex('41 C0 0C 58 4B D2 D9 1C 40 17 A2 A1 2F A5 9F 3F'),
  authenticatorResponse: 'S=407A5589115FD0D6209F510FE9C04566932CDA56',
};
const exchange: MsChapV2Exchange = {
  userName: RFC.userName, authenticatorChallenge: RFC.authenticatorChallenge, peerChallenge: RFC.peerChallenge, ntResponse: RFC.ntResponse,
};

describe('otp/mschapv2: MD4 (RFC 1320 §A.5)', () => {
  const suite: [string, string][] = [
    ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
    ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
    ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
    ['message digest', 'd9130a8164549fe818874806e1c7014b'],
    ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '043f8582f241db351ce627e153e7f0e4'],
    ['1234567890'.repeat(8), 'e33b4ddc9c38f2199c3e7b164fcc0536'],
  ];
  for (const [input, digest] of suite) {
    it(`MD4("${input.length > 20 ? `${input.slice(0, 20)}…` : input}") = ${digest}`, () => {
      expect(md4(Buffer.from(input, 'ascii')).toString('hex')).to.equal(digest);
    });
  }
  it('pads across a block boundary (55, 56 and 64 bytes differ)', () => {
    const digests = [55, 56, 63, 64, 65].map((n) => md4(Buffer.alloc(n, 0x61)).toString('hex'));
    expect(new Set(digests).size).to.equal(5);
  });
});

describe('otp/mschapv2: DES from 7-byte keys', () => {
  it('spreads 7 bytes over 8 with odd parity', () => {
    const key = desKey(hex('FF FF FF FF FF FF FF'));
    expect(key.toString('hex')).to.equal('fefefefefefefefe');
    expect(desKey(Buffer.alloc(7)).toString('hex')).to.equal('0101010101010101');
    for (const b of desKey(hex('12 34 56 78 9A BC DE'))) expect(b.toString(2).split('1').length - 1).to.satisfy((n: number) => n % 2 === 1);
  });
  it('encrypts the FIPS 46 example (key 133457799BBCDFF1, 0123456789ABCDEF → 85E813540F0AB405)', () => {
    const key8 = hex('133457799BBCDFF1');
    let bits = 0n;
    for (const b of key8) bits = (bits << 7n) | BigInt(b >> 1);
    const seven = hex(bits.toString(16).padStart(14, '0'));
    expect(desKey(seven).toString('hex')).to.equal('133457799bbcdff1');
    expect(desEncrypt(hex('0123456789ABCDEF'), seven).toString('hex')).to.equal('85e813540f0ab405');
  });
});

describe('otp/mschapv2: RFC 2759 §9.2 test vectors', () => {
  it('ChallengeHash', () => {
    expect(challengeHash(RFC.peerChallenge, RFC.authenticatorChallenge, RFC.userName)).to.deep.equal(RFC.challenge);
  });
  it('NtPasswordHash and its hash', () => {
    expect(ntPasswordHash(RFC.password)).to.deep.equal(RFC.passwordHash);
    expect(md4(ntPasswordHash(RFC.password))).to.deep.equal(RFC.passwordHashHash);
  });
  it('ChallengeResponse and GenerateNTResponse', () => {
    expect(challengeResponse(RFC.challenge, RFC.passwordHash)).to.deep.equal(RFC.ntResponse);
    expect(generateNtResponse(RFC.authenticatorChallenge, RFC.peerChallenge, RFC.userName, RFC.password)).to.deep.equal(RFC.ntResponse);
  });
  it('GenerateAuthenticatorResponse', () => {
    expect(generateAuthenticatorResponse(RFC.password, exchange)).to.equal(RFC.authenticatorResponse);
  });
  it('a different password, user name or challenge gives a different NT-Response', () => {
    const other = [
      generateNtResponse(RFC.authenticatorChallenge, RFC.peerChallenge, RFC.userName, 'clientPasS'),
      generateNtResponse(RFC.authenticatorChallenge, RFC.peerChallenge, 'user', RFC.password),
      generateNtResponse(RFC.peerChallenge, RFC.authenticatorChallenge, RFC.userName, RFC.password),
    ];
    for (const nt of other) expect(nt.equals(RFC.ntResponse)).to.equal(false);
  });
});

describe('otp/mschapv2: ntResponseMatcher', () => {
  it('accepts the password of the exchange and nothing else', () => {
    const matches = ntResponseMatcher(exchange);
    expect(matches('clientPass')).to.equal(true);
    expect(matches('clientpass')).to.equal(false);
    expect(matches('')).to.equal(false);
  });
  it('matches a 6-digit code among others', () => {
    const nt = generateNtResponse(RFC.authenticatorChallenge, RFC.peerChallenge, 'john.smith', '755224');
    const matches = ntResponseMatcher({ ...exchange, userName: 'john.smith', ntResponse: nt });
    expect(['287082', '755224', '359152'].filter(matches)).to.deep.equal(['755224']);
  });
  it('matches nothing when a part has the wrong length', () => {
    expect(ntResponseMatcher({ ...exchange, ntResponse: RFC.ntResponse.subarray(0, 23) })('clientPass')).to.equal(false);
    expect(ntResponseMatcher({ ...exchange, peerChallenge: RFC.peerChallenge.subarray(1) })('clientPass')).to.equal(false);
  });
});
