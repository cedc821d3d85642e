// GET /metrics moves with traffic (docs/operations/monitoring.md): exact deltas for authUser success and
// failure, SOAP refusals, lockouts, pending pushes, RADIUS drops and retransmissions, store errors.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMetrics } from '../../src/runtime/metrics.js';
import { ROOT } from '../support/engine-harness.js';
import { accessRequest } from '../doors/radius/support.js';
import { post } from '../e2e/support.js';
import { JANE_OTP, authUser, scrape, startObserved, total, udpClient, type Observed } from './observe-support.js';

const REQUESTS = 'countersign_requests_total';

describe('metrics: GET /metrics moves with traffic', function () {
  this.timeout(30_000);
  let o: Observed;
  before(async () => { o = await startObserved({}, { radius: true }); });
  after(async () => { await o.stop(); });

  it('counts one authUser success and one failure exactly, with their latency', async () => {
    const before = await scrape(o.running.metricsUrl!);
    expect(await authUser(o.url, 'jane.doe', `1234${JANE_OTP}`)).to.equal('STAT_SUCCESS');
    expect(await authUser(o.url, 'jane.doe', '1234000000')).to.equal('STAT_OTP_INCORRECT');
    const after = await scrape(o.running.metricsUrl!);
    const delta = (name: string, labels: Record<string, string>) => total(after, name, labels) - total(before, name, labels);
    expect(delta(REQUESTS, { door: 'soap', operation: 'authUser', status: 'STAT_SUCCESS' })).to.equal(1);
    expect(delta(REQUESTS, { door: 'soap', operation: 'authUser', status: 'STAT_OTP_INCORRECT' })).to.equal(1);
    expect(delta(REQUESTS, { door: 'soap', operation: 'authUser' })).to.equal(2);
    expect(delta('countersign_request_duration_seconds_count', { door: 'soap', operation: 'authUser' })).to.equal(2);
    expect(delta('countersign_request_duration_seconds_bucket', { door: 'soap', operation: 'authUser', le: '+Inf' })).to.equal(2);
  });

  it('serves the Prometheus text format with process metrics and the documented names', async () => {
    const res = await fetch(o.running.metricsUrl!);
    expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of ['countersign_requests_total', 'countersign_request_duration_seconds', 'countersign_radius_dropped_total',
      'countersign_lockouts_total', 'countersign_push_pending', 'countersign_store_errors_total', 'countersign_http_rejected_total',
      'countersign_rate_limited_total', 'countersign_soap_refused_total', 'countersign_process_cpu_seconds_total']) {
      expect(text, name).to.contain(`# TYPE ${name} `);
    }
  });

  it('counts a SOAP Client Fault by its reason', async () => {
    const before = total(await scrape(o.running.metricsUrl!), 'countersign_soap_refused_total');
    expect((await post(o.url, '<soapenv:Envelope')).status).to.equal(500);
    const samples = await scrape(o.running.metricsUrl!);
    expect(total(samples, 'countersign_soap_refused_total') - before).to.equal(1);
    expect(total(samples, REQUESTS, { door: 'soap', operation: 'unknown', status: 'SOAP_FAULT_CLIENT' })).to.equal(1);
  });

  it('counts one lockout when the lock threshold (3) is reached, not the refusals after it', async () => {
    const before = total(await scrape(o.running.metricsUrl!), 'countersign_lockouts_total');
    for (const otp of ['111111', '222222', '333333']) expect(await authUser(o.url, 'john.smith', otp)).to.equal('STAT_OTP_INCORRECT');
    expect(await authUser(o.url, 'john.smith', '444444')).to.equal('STAT_LOCKED');
    expect(total(await scrape(o.running.metricsUrl!), 'countersign_lockouts_total') - before).to.equal(1);
  });

  it('reads the pending push transactions from the store at scrape time', async () => {
    const store = o.running.app.store;
    expect(total(await scrape(o.running.metricsUrl!), 'countersign_push_pending')).to.equal(0);
    const base = { userRef: null, authenticatorRef: null, componentType: 'SOAP Auth Client', createdAt: Date.now(), payload: {} };
    const now = o.running.app.clock.now();
    await store.create({ ...base, key: 'push-open', kind: 'push', state: 'open', expiresAt: now + 60_000 });
    await store.create({ ...base, key: 'push-expired', kind: 'push', state: 'open', expiresAt: now - 1 });
    await store.create({ ...base, key: 'push-answered', kind: 'push', state: 'approved', expiresAt: now + 60_000 });
    await store.create({ ...base, key: 'a-challenge', kind: 'challenge', state: 'open', expiresAt: now + 60_000 });
    expect(total(await scrape(o.running.metricsUrl!), 'countersign_push_pending')).to.equal(1);
  });

  it('counts a RADIUS packet from an unknown client as a drop, and a retransmission answered from the cache', async () => {
    const port = o.radius!.port;
    const stranger = await udpClient('127.0.0.2');
    const nas = await udpClient();
    try {
      const before = await scrape(o.running.metricsUrl!);
      expect(await stranger.send(accessRequest({ user: 'jane.doe', password: 'whatever' }).bytes, port, 300)).to.equal(undefined);
      const request = accessRequest({ user: 'alice.static', password: 'Alice-Passw0rd', identifier: 9 });
      const first = await nas.send(request.bytes, port);
      expect(first).to.be.instanceOf(Buffer);
      expect(await nas.send(request.bytes, port)).to.deep.equal(first);
      const after = await scrape(o.running.metricsUrl!);
      const delta = (name: string, labels: Record<string, string> = {}) => total(after, name, labels) - total(before, name, labels);
      expect(delta('countersign_radius_dropped_total', { reason: 'unknown-client' })).to.equal(1);
      expect(delta('countersign_radius_dropped_total')).to.equal(1);
      expect(delta('countersign_radius_retransmissions_total')).to.equal(1);
      expect(delta('countersign_radius_packets_received_total')).to.equal(3);
      expect(delta(REQUESTS, { door: 'radius', operation: 'Access-Request', status: 'STAT_SUCCESS' })).to.equal(1);
    } finally { stranger.close(); nas.close(); }
  });

  it('counts store errors once the store fails (last: it closes the store)', async () => {
    const before = total(await scrape(o.running.metricsUrl!), 'countersign_store_errors_total');
    await o.running.app.store.close();
    expect(await authUser(o.url, 'jane.doe', `1234${JANE_OTP}`)).to.not.equal('STAT_SUCCESS');
    expect(total(await scrape(o.running.metricsUrl!), 'countersign_store_errors_total') - before).to.be.greaterThan(0);
  });
});

describe('metrics: documentation', () => {
  it('docs/operations/monitoring.md names every metric of the registry and every metrics setting', async () => {
    const doc = readFileSync(join(ROOT, 'docs/operations/monitoring.md'), 'utf8');
    const names = (await createMetrics({ processMetrics: false }).registry!.getMetricsAsJSON()).map((m) => m.name);
    expect(names.length).to.be.greaterThan(10);
    for (const name of names) expect(doc, name).to.contain(`\`${name}\``);
    for (const env of ['COUNTERSIGN_METRICS', 'COUNTERSIGN_METRICS_PORT', 'COUNTERSIGN_METRICS_HOST']) expect(doc, env).to.contain(`\`${env}\``);
  });
});
