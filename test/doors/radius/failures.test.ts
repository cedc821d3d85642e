// The RADIUS door when things go wrong inside: an engine (store) failure gives no answer and is counted,
// and the retransmission is tried again; unknown clients are logged at most once a minute per address;
// too many requests in flight are dropped, never queued without bound.
import { expect } from 'chai';
import { CODE } from '../../../src/doors/radius/dictionary.js';
import type { AuthEngine } from '../../../src/engine/engine.js';
import type { AuthOutcome } from '../../../src/domain/request.js';
import { accessRequest, doorHarness, NAS, readAnswer } from './support.js';

const success: AuthOutcome = { status: 'SUCCESS', reported: 'SUCCESS' };

function engineThat(authUser: AuthEngine['authUser']): AuthEngine {
  return { authUser, getChallenge: async () => success, updatePassword: async () => success };
}

describe('RADIUS door: failures inside', () => {
  it('an engine failure drops the request, logs it without secrets, and a retransmission is decided again', async () => {
    let calls = 0;
    const logged: string[] = [];
    const log = { warn: () => undefined, error: (o: object, m: string) => { logged.push(`${m} ${JSON.stringify(o)}`); } };
    const t = await doorHarness(undefined, { engine: engineThat(async () => { if (++calls === 1) throw new Error('database is locked'); return success; }), log });
    const { bytes, packet } = accessRequest({ user: 'jane.doe', password: 'Secret-123456' });
    expect(await t.door.handle(bytes, NAS)).to.equal(undefined);
    expect(t.door.metrics.dropped['internal-error']).to.equal(1);
    expect(logged).to.have.length(1);
    expect(logged[0]).to.include('database is locked').and.not.include('Secret-123456');
    expect(readAnswer(await t.door.handle(bytes, NAS), packet).code).to.equal(CODE.ACCESS_ACCEPT);
    expect(calls).to.equal(2);
  });

  it('logs an unknown client once a minute per address, and counts every packet', async () => {
    let now = 0;
    const warned: object[] = [];
    const t = await doorHarness(undefined, { monotonic: () => now, log: { warn: (o) => { warned.push(o); }, error: () => undefined } });
    const { bytes } = accessRequest({ user: 'jane.doe', password: '1' });
    for (let i = 0; i < 5; i++) await t.door.handle(bytes, { address: '192.0.2.1', port: 1 });
    await t.door.handle(bytes, { address: '192.0.2.2', port: 1 });
    now = 60_001;
    await t.door.handle(bytes, { address: '192.0.2.1', port: 1 });
    expect(warned).to.deep.equal([
      { sourceAddress: '192.0.2.1', sourcePort: 1 }, { sourceAddress: '192.0.2.2', sourcePort: 1 }, { sourceAddress: '192.0.2.1', sourcePort: 1 }]);
    expect(t.door.metrics.dropped['unknown-client']).to.equal(7);
  });

  it('drops requests beyond the in-flight limit', async () => {
    let release!: () => void;
    const gate = new Promise<void>((ok) => { release = ok; });
    const t = await doorHarness(undefined, { maxInFlight: 2, engine: engineThat(async () => { await gate; return success; }) });
    const asks = [1, 2, 3].map((id) => t.door.handle(accessRequest({ user: 'jane.doe', password: '1', identifier: id }).bytes, NAS));
    release();
    const answers = await Promise.all(asks);
    expect(answers.map((a) => a === undefined)).to.deep.equal([false, false, true]);
    expect(t.door.metrics.dropped.overload).to.equal(1);
  });
});
