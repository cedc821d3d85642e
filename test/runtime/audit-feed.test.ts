// The live audit feed (issue 21): bounded recent records with sequence numbers, a subscriber cap, a
// slow subscriber dropped rather than buffered, and both stores publishing each record once stored.
import { expect } from 'chai';
import type { AuditEntry } from '../../src/engine/ports.js';
import { createAuditFeed, type FeedEvent } from '../../src/runtime/audit-feed.js';
import { openStore } from '../../src/store/store.js';

const entry = (n: number): AuditEntry => ({ at: n, door: 'soap', componentType: 'SOAP Auth Client', domain: 'master', userId: `u${n}`, serialNo: null,
  status: 'SUCCESS', statusCode: 0, sourceAddress: null, detail: null });

describe('audit feed', () => {
  it('keeps the last records with rising sequence numbers, and those after a given one', () => {
    const feed = createAuditFeed({ recent: 3 });
    for (let n = 1; n <= 5; n++) feed.publish(entry(n));
    expect(feed.recent().map((e) => [e.seq, e.entry.at])).to.deep.equal([[3, 3], [4, 4], [5, 5]]);
    expect(feed.recent(4).map((e) => e.seq)).to.deep.equal([5]);
  });

  it('delivers to subscribers, drops one that cannot keep up, caps their number and drops all on close', () => {
    const feed = createAuditFeed({ maxSubscribers: 2 });
    const got: FeedEvent[] = [];
    const dropped: string[] = [];
    const unsubscribe = feed.subscribe({ deliver: (e) => { got.push(e); return true; }, dropped: (why) => dropped.push(`fast ${why}`) });
    feed.subscribe({ deliver: () => false, dropped: (why) => dropped.push(`slow ${why}`) });
    expect(feed.subscribe({ deliver: () => true, dropped: () => undefined })).to.equal(undefined);
    feed.publish(entry(1));
    expect([got.length, dropped, feed.subscribers]).to.deep.equal([1, ['slow slow'], 1]);
    feed.subscribe({ deliver: () => { throw new Error('broken'); }, dropped: () => { throw new Error('broken too'); } });
    feed.publish(entry(2));
    expect([got.length, feed.subscribers]).to.deep.equal([2, 1]);
    feed.close();
    expect([dropped, feed.subscribers]).to.deep.equal([['slow slow', 'fast closed'], 0]);
    unsubscribe!();
  });

  for (const url of ['memory:', 'sqlite::memory:']) {
    it(`is told of each record once ${url} has stored it`, async () => {
      const told: AuditEntry[] = [];
      const store = await openStore(url, { masterKey: Buffer.alloc(32, 7), onAudit: (e) => told.push(e) });
      try {
        await Promise.all([store.record(entry(1)), store.record(entry(2))]);
        expect(told.map((e) => e.at).sort()).to.deep.equal([1, 2]);
        expect((await store.listAudit()).length).to.equal(2);
      } finally { await store.close(); }
    });
  }
});
