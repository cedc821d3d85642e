// GET /health and GET /ready (docs/operations/monitoring.md): JSON bodies; /ready answers 503 once the
// store is closed or a migration is missing. The metrics settings: off, or on a listener of their own.
import { expect } from 'chai';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startObserved, type Observed } from './observe-support.js';

async function getJson(url: string): Promise<{ status: number; type: string | null; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() as Record<string, unknown> };
}

describe('GET /health and GET /ready', function () {
  this.timeout(30_000);
  let o: Observed;
  before(async () => { o = await startObserved(); });
  after(async () => { await o.stop(); });

  it('/health answers 200 with a JSON body', async () => {
    const r = await getJson(`${o.url}health`);
    expect(r.status).to.equal(200);
    expect(r.type).to.equal('application/json; charset=utf-8');
    expect(r.body).to.deep.equal({ status: 'UP' });
  });

  it('/ready answers 200 while the store answers and is migrated', async () => {
    const r = await getJson(`${o.url}ready`);
    expect(r.status).to.equal(200);
    expect(r.body).to.deep.equal({ status: 'UP', checks: [{ name: 'store', status: 'UP' }] });
  });

  it('refuses other methods with 405', async () => {
    const res = await fetch(`${o.url}ready`, { method: 'POST', body: '' });
    expect(res.status).to.equal(405);
    expect(res.headers.get('allow')).to.equal('GET, HEAD');
  });

  it('/ready answers 503 once the store is closed, /health still 200 (last: it closes the store)', async () => {
    await o.running.app.store.close();
    const r = await getJson(`${o.url}ready`);
    expect(r.status).to.equal(503);
    expect(r.body).to.deep.equal({ status: 'DOWN', checks: [{ name: 'store', status: 'DOWN', reason: 'the store is closed' }] });
    expect((await getJson(`${o.url}health`)).status).to.equal(200);
    const warned = o.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'not ready');
    expect(warned).to.have.length(1);
  });
});

describe('GET /ready on a store missing a migration', function () {
  this.timeout(30_000);
  it('answers 503 naming the command that applies it, and 200 again once it is back', async () => {
    const o = await startObserved();
    try {
      const file = join(String(o.running.app.config.database).slice('sqlite:'.length));
      const db = new Database(file);
      const [row] = db.prepare("SELECT * FROM migrations WHERE name = 'ApiKeysReplyAttributes1760000000000'").all() as Record<string, unknown>[];
      db.prepare("DELETE FROM migrations WHERE name = 'ApiKeysReplyAttributes1760000000000'").run();
      const r = await getJson(`${o.url}ready`);
      expect(r.status).to.equal(503);
      expect((r.body.checks as { reason: string }[])[0]!.reason).to.equal(`1 of ${MIGRATIONS.length} migrations not applied: run countersign migrate`);
      db.prepare('INSERT INTO migrations (id, timestamp, name) VALUES (?, ?, ?)').run(row!.id, row!.timestamp, row!.name);
      db.close();
      expect((await getJson(`${o.url}ready`)).status).to.equal(200);
    } finally { await o.stop(); }
  });
});

describe('metrics settings', function () {
  this.timeout(30_000);
  it('COUNTERSIGN_METRICS=off: no /metrics; /health and /ready stay', async () => {
    const o = await startObserved({ COUNTERSIGN_METRICS: 'off' });
    try {
      expect(o.running.metricsUrl).to.equal(undefined);
      expect((await fetch(`${o.url}metrics`)).status).to.equal(404);
      expect((await fetch(`${o.url}ready`)).status).to.equal(200);
    } finally { await o.stop(); }
  });

  it('COUNTERSIGN_METRICS_PORT: /metrics, /health and /ready on their own listener, /metrics off the HTTP port', async () => {
    const o = await startObserved({ COUNTERSIGN_METRICS_PORT: '0' });
    try {
      const metrics = o.running.metricsUrl!;
      expect(metrics).to.match(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(new URL(metrics).port).to.not.equal(new URL(o.url).port);
      expect((await fetch(metrics)).status).to.equal(200);
      expect((await fetch(metrics.replace('/metrics', '/ready'))).status).to.equal(200);
      expect((await fetch(metrics.replace('/metrics', '/other'))).status).to.equal(404);
      expect((await fetch(`${o.url}metrics`)).status).to.equal(404);
      expect((await fetch(`${o.url}health`)).status).to.equal(200);
    } finally { await o.stop(); }
  });
});
