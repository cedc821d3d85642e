// Worker mode under attack and failure (issue 16): a hostile request target no longer kills a worker;
// when every worker dies the primary stays up and replaces them; a worker that keeps dying is
// restarted with a growing delay and reported as a crash loop; SIGTERM reaches the workers and the
// primary exits 0 once they stopped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { exchange } from '../support/raw-http.js';
import { authUser, startNode, stopNode, type Node } from './nodes.js';

const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
const until = async (check: () => boolean, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return true;
  return check();
};

describe('scale: worker mode keeps serving', function () {
  this.timeout(90_000);
  let dir: string;
  let node: Node;
  const port = () => Number(new URL(node.url).port);
  /** The pid each worker index runs as now (first start, then the last "is back" line). */
  const current = (): Map<number, number> => {
    const pids = new Map<number, number>();
    const first = /worker processes \(pids ([\d, ]+)\)/.exec(node.output())?.[1]!.split(', ').map(Number) ?? [];
    first.forEach((pid, i) => pids.set(i, pid));
    for (const m of node.output().matchAll(/worker (\d+) is back \(pid (\d+)\)/g)) pids.set(Number(m[1]), Number(m[2]));
    return pids;
  };
  const backs = (index: number) => [...node.output().matchAll(new RegExp(`worker ${index} is back`, 'g'))].length;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-workers-guard-'));
    node = await startNode('workers-guard', {
      COUNTERSIGN_WORKERS: '2', COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_RADIUS_ENABLED: '0',
      COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'c.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'), COUNTERSIGN_LOG_LEVEL: 'warn',
      COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1',
      COUNTERSIGN_WORKERS_RESTART_DELAY_MS: '100', COUNTERSIGN_WORKERS_RESTART_MAX_DELAY_MS: '400', COUNTERSIGN_WORKERS_STOP_TIMEOUT_MS: '10000',
    });
  });
  after(async () => {
    await stopNode(node, 'SIGKILL');
    for (const pid of current().values()) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers hostile request targets on every worker without losing one', async () => {
    const before = [...current().values()];
    for (const target of ['//', '///', '//@', '//[::1', '/\\', 'http://', 'https://', 'http://[']) {
      for (let i = 0; i < 4; i++) {
        const got = await exchange(port(), `GET ${target} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`);
        expect(got.status, target).to.be.oneOf([400, 404]);
      }
    }
    expect(node.output()).to.not.match(/exited/);
    expect(before.every(alive)).to.equal(true);
  });

  it('stays up when every worker dies at once, and replaces them', async () => {
    const victims = [...current().values()];
    victims.forEach((pid) => process.kill(pid, 'SIGKILL'));
    expect(await until(() => backs(0) >= 1 && backs(1) >= 1, 20_000), node.output()).to.equal(true);
    expect(node.child.exitCode).to.equal(null);
    expect(victims.some(alive)).to.equal(false);
    expect((await authUser(node, { CREDFLD_USERID: 'jane.doe', CREDFLD_PASSWORD: 'x' })).status).to.not.equal('NETWORK');
  });

  it('restarts a worker that keeps dying with a growing delay, and reports the crash loop', async () => {
    for (let round = 0; round < 4; round++) {
      const seen = backs(1);
      process.kill(current().get(1)!, 'SIGKILL');
      expect(await until(() => backs(1) > seen, 20_000), node.output()).to.equal(true);
    }
    const delays = [...node.output().matchAll(/worker 1 \(pid \d+\) exited \(SIGKILL\); starting a new one in ([\d.]+) s/g)].map((m) => Number(m[1]));
    // Worker 1 died young once in the test before: 0.1 s then, then 0.2 s, 0.4 s, capped at 0.4 s.
    expect(delays.slice(-3)).to.deep.equal([0.4, 0.4, 0.4]);
    expect(delays).to.deep.equal([0.1, 0.2, 0.4, 0.4, 0.4]);
    expect(node.output()).to.match(/ERROR: worker 1 is in a crash loop: \d+ exits in a row/);
    expect(node.child.exitCode).to.equal(null);
  });

  it('passes SIGTERM to the workers, waits for them, and exits 0', async () => {
    const workers = [...current().values()];
    expect(workers.every(alive)).to.equal(true);
    const exited = new Promise<number | null>((ok) => node.child.once('exit', (code) => ok(code)));
    node.child.kill('SIGTERM');
    expect(await exited).to.equal(0);
    expect(workers.some(alive)).to.equal(false);
    expect(node.output()).to.match(/SIGTERM: stopping 2 worker processes/);
  });
});
