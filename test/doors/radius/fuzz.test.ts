// Bad input never crashes the RADIUS door: 12,000 random, mutated and validly signed garbage packets
// (seeded, reproducible) are dropped or rejected, counted, and the door still accepts a good request.
import { expect } from 'chai';
import { signRequest } from '../../../src/doors/radius/crypto.js';
import { ATTR, CODE } from '../../../src/doors/radius/dictionary.js';
import { decodePacket } from '../../../src/doors/radius/packet.js';
import { totalDropped } from '../../../src/doors/radius/metrics.js';
import { accessRequest, doorHarness, NAS, readAnswer, SECRET } from './support.js';

/** xorshift32: the same packets on every run, so a failure can be reproduced. */
function prng(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
  return { int: (n: number) => next() % n, bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => next() & 0xff)) };
}

type Rng = ReturnType<typeof prng>;
const TYPES = [ATTR.USER_NAME, ATTR.USER_PASSWORD, ATTR.CHAP_PASSWORD, ATTR.STATE, ATTR.PROXY_STATE, ATTR.EAP_MESSAGE, ATTR.REPLY_MESSAGE, 26, 200];

function randomPacket(r: Rng): Buffer {
  return r.bytes(r.int(4200));
}

function mutated(r: Rng): Buffer {
  const b = Buffer.from(accessRequest({ user: 'mallory.multi', password: `1234${r.int(1e6)}`, state: r.int(2) ? 'r.x' : undefined }).bytes);
  const how = r.int(5);
  if (how === 0) return b.subarray(0, r.int(b.length));
  if (how === 1) { b.writeUInt16BE(r.int(65536), 2); return b; }
  if (how === 2) { b[20 + r.int(b.length - 20)] = r.int(256); return b; }
  if (how === 3) { b[0] = r.int(256); return b; }
  return Buffer.concat([b, r.bytes(r.int(64))]);
}

/** Random attributes, correctly signed: passes the Message-Authenticator and reaches the attribute checks. */
function signedGarbage(r: Rng): Buffer {
  const attrs = Array.from({ length: r.int(8) }, () => ({ type: TYPES[r.int(TYPES.length)], value: r.bytes(r.int(2) ? r.int(40) : r.int(254)) }));
  return signRequest(r.int(3) ? CODE.ACCESS_REQUEST : r.int(256), r.int(256), r.bytes(16), attrs, Buffer.from(SECRET));
}

describe('RADIUS door: fuzz', function () {
  this.timeout(120_000);

  it('12,000 bad packets: no crash, every answer authentic, all counted, and the door still works', async () => {
    const t = await doorHarness();
    const r = prng(20261123);
    const makers = [randomPacket, mutated, signedGarbage];
    let answered = 0;
    const total = 12_000;
    for (let i = 0; i < total; i += 200) {
      const batch = Array.from({ length: 200 }, (_, k) => {
        const bytes = makers[(i + k) % 3](r);
        return t.door.handle(bytes, { address: NAS.address, port: 1024 + r.int(60000) }).then((answer) => {
          if (!answer) return;
          answered++;
          const d = decodePacket(answer);
          expect(d.ok).to.equal(true);
          expect(answer[0]).to.be.oneOf([CODE.ACCESS_ACCEPT, CODE.ACCESS_REJECT, CODE.ACCESS_CHALLENGE]);
        });
      });
      await Promise.all(batch);
    }
    const m = t.door.metrics;
    expect(m.received).to.equal(total);
    expect(answered).to.be.greaterThan(1000);
    expect(m.accepts).to.equal(0);
    expect(m.rejects + m.challenges + m.statusServer + totalDropped(m)).to.equal(total - m.retransmissions);
    expect(m.dropped['bad-length'] + m.dropped['too-short'] + m.dropped['bad-attribute']).to.be.greaterThan(1000);
    const { bytes, packet } = accessRequest({ user: 'jane.doe', password: `1234${t.h.totpAt()}`, identifier: 1 });
    expect(readAnswer(await t.door.handle(bytes, NAS), packet).code).to.equal(CODE.ACCESS_ACCEPT);
  });
});
