// `countersign audit purge` (docs/operations/audit-retention.md), run as the real binary on a temporary SQLite
// store with a frozen clock: --dry-run, the purge with its progress on stderr and its own audit record, a
// refusal, and Ctrl-C stopping after the batch under way (exit 130) with what was done recorded.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { AuditEntry } from '../../src/engine/ports.js';
import { DAY_MS } from '../../src/runtime/audit-retention.js';
import { loadOrCreateMasterKey } from '../../src/store/masterkey.js';
import { openStore } from '../../src/store/store.js';
import type { TypeOrmStore } from '../../src/store/typeorm-store.js';
import { ROOT } from '../support/engine-harness.js';

const BIN = join(ROOT, 'bin', 'countersign.js');
const run = promisify(execFile);
const NOW = Date.parse('2026-06-01T00:00:00Z');
const iso = (t: number) => new Date(t).toISOString();

describe('command line: audit purge', function () {
  this.timeout(60_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const open = async () => openStore(env.COUNTERSIGN_DATABASE!, { masterKey: (await loadOrCreateMasterKey(join(dir, 'master.key'))).key }) as Promise<TypeOrmStore>;
  /** `n` logons 100 days old (one INSERT), plus one recent logon and one 10-year-old administrative record. */
  async function fill(n: number): Promise<void> {
    const store = await open();
    await store.dataSource.query(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${n})
      INSERT INTO audit_log (at, door, component_type, domain, user_id, status, status_code) SELECT ${NOW - 100 * DAY_MS} + i, 'radius', 'RADIUS Client', 'master', 'user' || i, 'SUCCESS', 0 FROM c`);
    const entry = (at: number, userId: string, componentType: string): AuditEntry => ({
      at, door: 'soap', componentType, domain: 'master', userId, serialNo: null, status: 'SUCCESS', statusCode: 0, sourceAddress: null, detail: null,
    });
    await store.record(entry(NOW - DAY_MS, 'recent', 'SOAP Auth Client'));
    await store.record(entry(NOW - 3650 * DAY_MS, 'ancient-admin', 'Administration'));
    await store.close();
  }
  const countersign = (args: string[]) => run(process.execPath, [BIN, ...args], { env });
  const remaining = async () => JSON.parse((await countersign(['audit', '--json', '--limit', '100000'])).stdout) as AuditEntry[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-purge-'));
    env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
      COUNTERSIGN_CLOCK: iso(NOW), COUNTERSIGN_DEMO: '0' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts with --dry-run, then deletes with progress on stderr and records the purge as an administrative change', async () => {
    await fill(50);
    const dry = await countersign(['audit', 'purge', '--before', '30d', '--dry-run']);
    expect(dry.stdout.trim()).to.equal(`would delete 50 audit record(s) older than ${iso(NOW - 30 * DAY_MS)} and 1 administrative record(s) older than `
      + `${iso(NOW - 2557 * DAY_MS)} (dry run: nothing deleted)`);
    expect(await remaining()).to.have.length(52);
    const done = await countersign(['audit', 'purge', '--before', '30d', '--json']);
    expect(JSON.parse(done.stdout)).to.deep.equal({ dryRun: false, before: iso(NOW - 30 * DAY_MS), adminBefore: iso(NOW - 2557 * DAY_MS), deleted: 50, administrative: 1, interrupted: false });
    expect(done.stderr).to.match(/^audit purge: 51\/51 records \(100%\)/m);
    const left = await remaining();
    expect(left.map((e) => e.userId === 'recent' ? 'recent' : e.detail)).to.deep.equal(['recent',
      `audit purge before=${iso(NOW - 30 * DAY_MS)} admin-before=${iso(NOW - 2557 * DAY_MS)} deleted=50 administrative=1`]);
    expect(left[1]).to.deep.include({ door: 'cli', domain: 'os', componentType: 'Administration', status: 'SUCCESS', at: NOW });
  });

  it('refuses a bound in the future with exit 1, deleting nothing', async () => {
    await fill(3);
    const bad: { code?: number; stderr: string } = await countersign(['audit', 'purge', '--before', '2027-01-01']).catch((e: { code: number; stderr: string }) => e);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('--before lies in the future').and.include('(STAT_INVDATA)');
    expect((await remaining()).filter((e) => e.componentType !== 'Administration')).to.have.length(4);
  });

  it('stops after the batch under way on Ctrl-C, exits 130 and records how far it got', async () => {
    await fill(40_000);
    const child = spawn(process.execPath, [BIN, 'audit', 'purge', '--before', '30d', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += String(d); });
    // The first progress line comes after the first batch of at most 5,000; more batches and their pauses follow.
    let stderr = '';
    const progress = (d: Buffer) => {
      stderr += String(d);
      if (/records \(\d+%\)/.test(stderr)) { child.stderr.off('data', progress); child.kill('SIGINT'); }
    };
    child.stderr.on('data', progress);
    const code = await new Promise<number | null>((ok) => child.once('exit', ok));
    expect(code).to.equal(130);
    const r = JSON.parse(stdout) as { deleted: number; interrupted: boolean };
    expect(r.interrupted).to.equal(true);
    expect(r.deleted).to.be.within(100, 39_999);
    const store = await open();
    expect(await store.countAudit('other', NOW - 30 * DAY_MS)).to.equal(40_000 - r.deleted);
    const record = await store.listAudit({ componentType: 'Administration', door: 'cli' });
    await store.close();
    expect(record.map((e) => e.detail)).to.deep.equal([`audit purge before=${iso(NOW - 30 * DAY_MS)} admin-before=${iso(NOW - 2557 * DAY_MS)} deleted=${r.deleted} administrative=0 interrupted`]);
  });
});
