// RADIUS codec: framing (RFC 2865 §3), PAP hiding against the RFC 2865 §7.1 example, Response
// Authenticator, Message-Authenticator (RFC 3579 §3.2) first in answers, malformed framing refused.
import { expect } from 'chai';
import { answerAuthentic, hidePassword, messageAuthenticatorValid, revealPassword, signAnswer, signRequest } from '../../../src/doors/radius/crypto.js';
import { ATTR, CODE } from '../../../src/doors/radius/dictionary.js';
import { decodePacket, encodePacket, textChunks, type Packet } from '../../../src/doors/radius/packet.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
// RFC 2865 §7.1: user nemo, password arctangent, secret xyzzy5461.
const RFC_REQUEST = hex(`01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb 98 f4 22 7a 01 06 6e 65 6d 6f 02 12 0d be 70 8d 93 d4 13 ce
  31 96 e4 3f 78 2a 0a ee 04 06 c0 a8 01 10 05 06 00 00 00 03`);
const RFC_ACCEPT = hex(`02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf 9b 55 e0 b2 06 06 00 00 00 01 0f 06 00 00 00 00 0e 06 c0 a8 01 03`);
const RFC_SECRET = Buffer.from('xyzzy5461');

const decoded = (b: Buffer): Packet => {
  const d = decodePacket(b);
  if (!d.ok) throw new Error(d.reason);
  return d.packet;
};

describe('RADIUS codec', () => {
  it('decodes the RFC 2865 example request and reveals its PAP password', () => {
    const p = decoded(RFC_REQUEST);
    expect(p.code).to.equal(CODE.ACCESS_REQUEST);
    expect(p.attributes.map((a) => a.type)).to.deep.equal([1, 2, 4, 5]);
    expect(p.attributes[0].value.toString()).to.equal('nemo');
    expect(revealPassword(p.attributes[1].value, RFC_SECRET, p.authenticator)!.toString()).to.equal('arctangent');
    expect(revealPassword(p.attributes[1].value, Buffer.from('wrong'), p.authenticator)!.toString()).to.not.equal('arctangent');
  });

  it('hides a password exactly as the RFC example does', () => {
    const p = decoded(RFC_REQUEST);
    expect(hidePassword(Buffer.from('arctangent'), RFC_SECRET, p.authenticator).equals(p.attributes[1].value)).to.equal(true);
  });

  it('hides and reveals passwords of 0, 16, 17 and 128 octets, and refuses bad hidden lengths', () => {
    const auth = Buffer.alloc(16, 9);
    for (const n of [0, 1, 16, 17, 31, 128]) {
      const plain = Buffer.alloc(n, 0x41);
      const hidden = hidePassword(plain, RFC_SECRET, auth);
      expect(hidden.length).to.equal(Math.max(16, Math.ceil(n / 16) * 16));
      expect(revealPassword(hidden, RFC_SECRET, auth)!.equals(plain)).to.equal(true);
    }
    for (const n of [0, 15, 17, 144]) expect(revealPassword(Buffer.alloc(n), RFC_SECRET, auth)).to.equal(undefined);
  });

  it('checks the RFC example Access-Accept Response Authenticator, and refuses a tampered one', () => {
    const req = decoded(RFC_REQUEST);
    expect(answerAuthentic(RFC_ACCEPT, req, RFC_SECRET)).to.equal(true);
    const tampered = Buffer.from(RFC_ACCEPT);
    tampered[tampered.length - 1] ^= 1;
    expect(answerAuthentic(tampered, req, RFC_SECRET)).to.equal(false);
  });

  it('signs answers with Message-Authenticator first and a valid Response Authenticator', () => {
    const req = decoded(RFC_REQUEST);
    const answer = signAnswer(CODE.ACCESS_REJECT, req, [{ type: ATTR.REPLY_MESSAGE, value: Buffer.from('no') }], RFC_SECRET);
    const a = decoded(answer);
    expect(a.code).to.equal(CODE.ACCESS_REJECT);
    expect(a.identifier).to.equal(req.identifier);
    expect(a.attributes.map((x) => x.type)).to.deep.equal([ATTR.MESSAGE_AUTHENTICATOR, ATTR.REPLY_MESSAGE]);
    expect(answerAuthentic(answer, req, RFC_SECRET)).to.equal(true);
    expect(answerAuthentic(answer, req, Buffer.from('other'))).to.equal(false);
  });

  it('verifies a request Message-Authenticator, and refuses a wrong secret or a changed byte', () => {
    const req = decoded(signRequest(CODE.ACCESS_REQUEST, 3, Buffer.alloc(16, 1), [{ type: ATTR.USER_NAME, value: Buffer.from('jane') }], RFC_SECRET));
    const ma = req.attributes[0];
    expect(ma.type).to.equal(ATTR.MESSAGE_AUTHENTICATOR);
    expect(messageAuthenticatorValid(req, ma, RFC_SECRET)).to.equal(true);
    expect(messageAuthenticatorValid(req, ma, Buffer.from('xyzzy5462'))).to.equal(false);
    const changed = Buffer.from(req.raw);
    changed[changed.length - 1] ^= 0x20;
    const c = decoded(changed);
    expect(messageAuthenticatorValid(c, c.attributes[0], RFC_SECRET)).to.equal(false);
  });

  it('refuses short packets, bad Length fields and overrunning attributes; ignores padding', () => {
    expect(decodePacket(Buffer.alloc(19))).to.deep.equal({ ok: false, reason: 'too-short' });
    const bad = (mutate: (b: Buffer) => void) => { const b = Buffer.from(RFC_REQUEST); mutate(b); return decodePacket(b); };
    expect(bad((b) => b.writeUInt16BE(19, 2))).to.deep.include({ ok: false, reason: 'bad-length' });
    expect(bad((b) => b.writeUInt16BE(0x39, 2))).to.deep.include({ ok: false, reason: 'bad-length' });
    expect(bad((b) => { b[21] = 1; })).to.deep.include({ ok: false, reason: 'bad-attribute' });
    expect(bad((b) => { b[21] = 0x30; })).to.deep.include({ ok: false, reason: 'bad-attribute' });
    const padded = Buffer.concat([RFC_REQUEST, Buffer.alloc(10, 0xff)]);
    expect(decoded(padded).raw.length).to.equal(RFC_REQUEST.length);
    expect(decodePacket(Buffer.concat([RFC_REQUEST.subarray(0, 54), Buffer.from([0x05])]).fill(0x38, 3, 4))).to.deep.include({ ok: false });
  });

  it('encodes what it decodes and splits long text on character boundaries', () => {
    const p = decoded(RFC_REQUEST);
    const again = encodePacket(p.code, p.identifier, p.authenticator, p.attributes.map((a) => ({ type: a.type, value: a.value })));
    expect(again.equals(RFC_REQUEST)).to.equal(true);
    const chunks = textChunks('é'.repeat(200));
    expect(chunks.map((c) => c.length)).to.deep.equal([252, 148]);
    expect(Buffer.concat(chunks).toString('utf8')).to.equal('é'.repeat(200));
    expect(() => encodePacket(2, 1, Buffer.alloc(16), [{ type: 18, value: Buffer.alloc(254) }])).to.throw(RangeError);
  });
});
