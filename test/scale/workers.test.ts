// Several worker processes on one port (issue 8, COUNTERSIGN_WORKERS): the primary prepares an SQLite
// store once and forks the workers; they keep the guarantees of separate nodes (one success for one
// valid OTP, every wrong OTP counted and the user locked); a worker that dies is replaced; SIGTERM stops all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { hotp } from '../../src/otp/hotp.js';
import { authUser, startNode, stopNode, tally, TOKEN_SECRET, wrongCodes, type Node } from './nodes.js';

const VALID = new Set(Array.from({ length: 200 }, (_, c) => hotp(TOKEN_SECRET, c, 6, 'SHA1')));
const THRESHOLD = 3;
const WORKERS = 2;

const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
const until = async (check: () => boolean, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return true;
  return check();
};

describe('scale: several worker processes sharing one port', function () {
  this.timeout(60_000);
  let dir: string;
  let node: Node;
  const pids = () => /worker processes \(pids ([\d, ]+)\)/.exec(node.output())?.[1]!.split(', ').map(Number) ?? [];
  const row = (userId: string) => {
    const db = new Database(join(dir, 'c.db'), { readonly: true });
    try { return db.prepare('SELECT lock_count, locked FROM users WHERE userid_key = ?').get(userId) as { lock_count: number; locked: number }; } finally { db.close(); }
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-workers-'));
    node = await startNode('workers', {
      COUNTERSIGN_WORKERS: String(WORKERS), COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_RADIUS_ENABLED: '0',
      COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'c.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
      // The bursts below test replay and lock counting across workers, not the (per process) rate limits.
      COUNTERSIGN_RATE_LIMIT_USER_BURST: '0', COUNTERSIGN_RATE_LIMIT_SOURCE_BURST: '0',
    });
  });
  after(async () => {
    await stopNode(node);
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the configured number of workers after loading the demo seed once', () => {
    expect(node.output()).to.match(/Demo data: loaded now/);
    expect(pids()).to.have.length(WORKERS);
    expect(pids().every(alive)).to.equal(true);
  });

  it('gives exactly one success to 50 simultaneous requests with one valid OTP', async () => {
    const otp = hotp(TOKEN_SECRET, 0, 6, 'SHA1');
    const answers = await Promise.all(Array.from({ length: 50 }, () => authUser(node, { CREDFLD_USERID: 'john.smith', CREDFLD_PASSWORD: otp })));
    expect(tally(answers.map((x) => x.status))).to.deep.equal({ STAT_SUCCESS: 1, STAT_OTP_REPLAY: 49 });
  });

  it('counts every wrong OTP it verifies and locks the user; at most one extra check per other worker', async () => {
    const start = row('john.smith').lock_count;
    const answers = await Promise.all(wrongCodes(20, VALID).map((code) => authUser(node, { CREDFLD_USERID: 'john.smith', CREDFLD_PASSWORD: code })));
    const counted = answers.filter((x) => x.status === 'STAT_OTP_INCORRECT').length;
    expect(answers.filter((x) => x.status !== 'STAT_OTP_INCORRECT' && x.status !== 'STAT_LOCKED')).to.deep.equal([]);
    expect(start + counted).to.be.within(THRESHOLD, THRESHOLD + WORKERS - 1);
    expect(row('john.smith')).to.deep.equal({ lock_count: start + counted, locked: 1 });
  });

  it('replaces a worker that died and keeps answering meanwhile', async () => {
    const [victim] = pids();
    process.kill(victim!, 'SIGKILL');
    expect(await until(() => /exited \(SIGKILL\); starting a new one/.test(node.output()), 5000)).to.equal(true);
    expect((await authUser(node, { CREDFLD_USERID: 'jane.doe', CREDFLD_PASSWORD: 'x' })).status).to.not.equal('NETWORK');
    expect(await until(() => /worker 0 is back \(pid \d+\)/.test(node.output()), 10_000)).to.equal(true);
    expect(alive(victim!)).to.equal(false);
  });

  it('stops every worker on SIGTERM', async () => {
    const before = [...pids(), ...[...node.output().matchAll(/is back \(pid (\d+)\)/g)].map((m) => Number(m[1]))];
    expect(before).to.have.length(WORKERS + 1);
    await stopNode(node);
    expect(await until(() => !before.some(alive), 5000)).to.equal(true);
  });
});
