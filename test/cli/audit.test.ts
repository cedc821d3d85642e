// `countersign audit` (issue 5), run as the real binary on a temporary SQLite store holding a few audit
// entries: filters by user, serial, status and time range, text and JSON output, bad filters refused.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { AuditEntry } from '../../src/engine/ports.js';
import { loadOrCreateMasterKey } from '../../src/store/masterkey.js';
import { openStore } from '../../src/store/store.js';
import { ROOT } from '../support/engine-harness.js';

const BIN = join(ROOT, 'bin', 'countersign.js');
const run = promisify(execFile);
const T0 = Date.parse('2026-03-01T10:00:00Z');

const entry = (at: number, userId: string, serialNo: string | null, status: AuditEntry['status'], statusCode: number): AuditEntry => ({
  at, door: 'soap', componentType: 'SOAP Auth Client', domain: 'master', userId, serialNo, status, statusCode, sourceAddress: '192.0.2.1', detail: null,
});

describe('command line: audit', function () {
  this.timeout(30_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-audit-'));
    env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key') };
    const store = await openStore(env.COUNTERSIGN_DATABASE!, { masterKey: (await loadOrCreateMasterKey(join(dir, 'master.key'))).key });
    await store.record(entry(T0, 'jane.doe', 'VDS0000001', 'SUCCESS', 0));
    await store.record(entry(T0 + 60_000, 'jane.doe', 'VDS0000001', 'OTP_INCORRECT', 1011));
    await store.record(entry(T0 + 120_000, 'john.smith', 'VDS0000002', 'SUCCESS', 0));
    await store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const json = async (args: string[]) => JSON.parse((await run(process.execPath, [BIN, 'audit', ...args, '--json'], { env })).stdout) as AuditEntry[];

  it('filters by user, serial, status and time range', async () => {
    expect((await json([])).map((e) => e.userId)).to.deep.equal(['jane.doe', 'jane.doe', 'john.smith']);
    expect((await json(['--user', 'jane.doe'])).length).to.equal(2);
    expect((await json(['--serial', 'VDS0000002'])).map((e) => e.userId)).to.deep.equal(['john.smith']);
    expect((await json(['--status', 'STAT_OTP_INCORRECT'])).map((e) => e.statusCode)).to.deep.equal([1011]);
    const range = await json(['--since', '2026-03-01T10:01:00Z', '--until', '2026-03-01T10:02:00Z']);
    expect(range.map((e) => e.status)).to.deep.equal(['OTP_INCORRECT']);
  });

  it('prints one readable line per entry, and refuses an unknown status', async () => {
    const text = (await run(process.execPath, [BIN, 'audit', '--user', 'john.smith'], { env })).stdout;
    expect(text.trim()).to.equal('2026-03-01T10:02:00.000Z  soap  SOAP Auth Client  master\\john.smith  VDS0000002  STAT_SUCCESS (0)  192.0.2.1');
    const bad: { code?: number; stderr: string } = await run(process.execPath, [BIN, 'audit', '--status', 'STAT_NOPE'], { env })
      .catch((e: { code: number; stderr: string }) => e);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('Unknown status name');
  });
});
