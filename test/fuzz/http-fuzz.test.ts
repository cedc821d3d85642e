// HTTP fuzz against a real `countersign serve` (issue 16): 3,000 generated request lines, headers and
// targets (seeded, reproducible), 50 connections at a time. The process must survive, every
// connection must be answered or closed (the server's short test timeouts close the half-sent ones),
// and a normal authUser must still succeed afterwards. The longer run is `npm run fuzz`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { authUser, startNode, stopNode, type Node } from '../scale/nodes.js';
import { FUZZ_SERVER_ENV, fuzzHttp } from './drive.js';


describe('fuzz: HTTP request lines, headers and targets', function () {
  this.timeout(180_000);
  let dir: string;
  let node: Node;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-fuzz-'));
    node = await startNode('fuzz', {
      ...FUZZ_SERVER_ENV, COUNTERSIGN_RADIUS_ENABLED: '0',
      COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'c.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
    });
  });
  after(async () => {
    await stopNode(node);
    rmSync(dir, { recursive: true, force: true });
  });

  it('3,000 generated requests: the process survives, none hangs, and authUser still works', async () => {
    const alive = () => expect(node.child.exitCode, node.output()).to.equal(null);
    const tally = await fuzzHttp({ port: Number(new URL(node.url).port), seed: 20261201, count: 3000, concurrency: 50, deadlineMs: 20_000, between: alive });
    expect(tally.hangs, JSON.stringify(tally.hangs.slice(0, 5))).to.deep.equal([]);
    expect(tally.sent).to.equal(3000);
    // The inputs reach every answer the server has: refusals, not-founds and real answers.
    expect(tally.statuses).to.include.keys('200', '400', '404');
    expect(tally.answered).to.be.greaterThan(1500);
    alive();
    const answer = await authUser(node, { CREDFLD_USERID: 'alice.static', CREDFLD_PASSWORD: 'Alice-Passw0rd' });
    expect(answer.status, answer.text).to.equal('STAT_SUCCESS');
  });
});
