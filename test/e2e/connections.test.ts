// Descriptor exhaustion (issue 16): a real `countersign serve` holding thousands of idle connections
// from two sources, each past its per-source cap, still authenticates a normal authUser from a third;
// and an idle connection is closed once the idle timeout passes.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { expect } from 'chai';
import { authUser, startNode, stopNode, type Node } from '../scale/nodes.js';
import { closedWithin, openIdle } from '../support/raw-http.js';

/** This process's descriptor limit (Node raises the soft limit to the hard one), 1024 if unknown. */
function descriptorLimit(): number {
  try { return Number(/Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? 1024); } catch { return 1024; }
}

const PER_SOURCE = Math.max(100, Math.min(1200, Math.floor((descriptorLimit() - 400) / 3)));
const EXTRA = 100;

describe('e2e: thousands of idle connections', function () {
  this.timeout(120_000);
  let dir: string;
  let node: Node;
  const held: Socket[] = [];
  const port = () => Number(new URL(node.url).port);
  const open = () => held.filter((s) => !s.destroyed && !s.closed).length;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-conns-'));
    node = await startNode('connections', {
      COUNTERSIGN_WORKERS: '1', COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_RADIUS_ENABLED: '0',
      COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'c.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'), COUNTERSIGN_LOG_LEVEL: 'warn',
      COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1',
      COUNTERSIGN_HTTP_MAX_CONNECTIONS_PER_SOURCE: String(PER_SOURCE), COUNTERSIGN_HTTP_MAX_CONNECTIONS: String(3 * PER_SOURCE),
      COUNTERSIGN_HTTP_IDLE_TIMEOUT_MS: '300000', COUNTERSIGN_HTTP_HEADERS_TIMEOUT_MS: '300000', COUNTERSIGN_HTTP_REQUEST_TIMEOUT_MS: '300000',
    });
  });
  after(async () => {
    held.forEach((s) => s.destroy());
    await stopNode(node);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`holds ${2 * PER_SOURCE} idle connections, closes those past the per-source cap, and still authenticates`, async () => {
    for (const source of ['127.0.0.2', '127.0.0.3']) {
      for (let i = 0; i < PER_SOURCE + EXTRA; i += 100) {
        held.push(...await Promise.all(Array.from({ length: 100 }, () => openIdle(port(), source))));
      }
    }
    for (let i = 0; i < 100 && open() > 2 * PER_SOURCE; i++) await new Promise((r) => setTimeout(r, 50));
    expect(open()).to.equal(2 * PER_SOURCE);
    const answer = await authUser(node, { CREDFLD_USERID: 'alice.static', CREDFLD_PASSWORD: 'Alice-Passw0rd' });
    expect(answer.status, answer.text).to.equal('STAT_SUCCESS');
    expect(node.child.exitCode).to.equal(null);
    expect(open()).to.equal(2 * PER_SOURCE);
  });
});

describe('e2e: idle timeout', function () {
  this.timeout(60_000);
  let dir: string;
  let node: Node;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-idle-'));
    node = await startNode('idle', {
      COUNTERSIGN_WORKERS: '1', COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_RADIUS_ENABLED: '0',
      COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'c.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'), COUNTERSIGN_LOG_LEVEL: 'warn',
      COUNTERSIGN_HTTP_IDLE_TIMEOUT_MS: '500',
    });
  });
  after(async () => {
    await stopNode(node);
    rmSync(dir, { recursive: true, force: true });
  });

  it('closes a connection that sends nothing once the idle timeout passed', async () => {
    const idle = await openIdle(Number(new URL(node.url).port));
    expect(idle.destroyed).to.equal(false);
    expect(await closedWithin(idle, 10_000)).to.equal(true);
  });
});
