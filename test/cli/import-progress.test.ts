// Import progress and summary (issue 17 "Long jobs"): the plain progress lines (total, percentage,
// rate, time left) from an injected clock, at most one per interval plus the last; the summary text
// lists failures with their reason up to the bound, skipped rows as one line; and the real command
// keeps progress on stderr (CSV lines, seed records) and only the summary on stdout, or no progress
// with --no-progress.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_LISTED_FAILED, ProblemList } from '../../src/admin/import-rows.js';
import { summaryText } from '../../src/doors/cli/import.js';
import { pace, progressLine, showProgress } from '../../src/doors/cli/progress.js';
import { cli } from '../support/cli.js';

const B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('command line: import progress and summary', function () {
  this.timeout(120_000);

  it('computes rate and time left, and writes plain lines at most every interval, then the last', () => {
    expect(pace(50, 200, 10_000)).to.deep.equal({ rate: 5, eta: 30 });
    expect(pace(0, undefined, 0)).to.deep.equal({ rate: 0, eta: undefined });
    expect(progressLine('import t.xml', 'key packages', 50, 200, 10_000)).to.equal('import t.xml: 50/200 key packages (25%), 5/s, about 30 s left');
    let t = 0;
    const out: string[] = [];
    const stream = { isTTY: false, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream;
    const view = showProgress({ label: 'import t.csv', unit: 'lines', stream, now: () => t, everyMs: 5000 });
    for (let done = 0; done <= 100; done++) {
      view.update(done, 100);
      t += 100;
    }
    view.stop();
    expect(out).to.deep.equal([
      'import t.csv: 0/100 lines (0%), 0/s\n',
      'import t.csv: 50/100 lines (50%), 10/s, about 5 s left\n',
      'import t.csv: 100/100 lines (100%), 10/s\n',
    ]);
  });

  it('lists failures up to the bound with their reason and skipped rows on one line', () => {
    const problems = new ProblemList();
    for (let i = 1; i <= MAX_LISTED_FAILED + 50; i++) problems.push({ line: i, serial: `F${i}`, reason: 'digits must be 6, 7 or 8' });
    for (let i = 1; i <= 25; i++) problems.push({ line: 1000 + i, serial: `S${i}`, reason: 'exists already (skipped)', skipped: true });
    const summary = problems.summary({ imported: 7, skipped: 25, failed: MAX_LISTED_FAILED + 50 });
    expect(summary.problems).to.have.length(MAX_LISTED_FAILED + 20);
    expect(summary.unlisted).to.equal(55);
    const lines = summaryText(summary).split('\n');
    expect(lines[0]).to.equal(`imported 7, skipped 25, failed ${MAX_LISTED_FAILED + 50}`);
    expect(lines[1]).to.equal('  line 1 (F1): digits must be 6, 7 or 8');
    expect(lines.filter((l) => l.includes('digits must'))).to.have.length(MAX_LISTED_FAILED);
    expect(lines.at(-2)).to.match(/^ {2}skipped, the serial exists already: S1, S2, .*S20 and 5 more$/);
    expect(lines.at(-1)).to.equal(`  ... and 50 more failed rows (only the first ${MAX_LISTED_FAILED} are listed)`);
  });

  it('keeps progress on stderr and the summary alone on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'countersign-progress-'));
    try {
      const env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key') };
      const file = join(dir, 'tokens.csv');
      writeFileSync(file, `P1,${B32},SHA1,6,30\nP2,${B32},SHA1,9,30\nP1,${B32},SHA1,6,30\n`);
      const r = await cli(env, ['import', file]);
      expect(r.code).to.equal(1);
      expect(r.stdout).to.equal('imported 1, skipped 1, failed 1\n  line 2 (P2): digits must be 6, 7 or 8\n  skipped, the serial exists already: P1\n');
      expect(r.stderr).to.match(/^import tokens\.csv: 0\/3 lines \(0%\)/).and.match(/import tokens\.csv: 3\/3 lines \(100%\), \d+\/s\n$/);
      const quiet = await cli(env, ['import', file, '--no-progress', '--json']);
      expect(quiet.stderr).to.equal('');
      expect(JSON.parse(quiet.stdout)).to.include({ imported: 0, skipped: 2, failed: 1 });
      const seedFile = join(dir, 'site.json');
      writeFileSync(seedFile, JSON.stringify({ policies: [{ name: 'Site' }], users: [{ userId: 'u1' }, { userId: 'u2' }] }));
      const seeded = await cli(env, ['import', seedFile]);
      expect(seeded.code, seeded.stderr).to.equal(0);
      expect(seeded.stdout).to.equal('imported 2 users, 0 authenticators, 1 policies, 0 clients, 0 pending records\n');
      expect(seeded.stderr).to.match(/^import site\.json: 0\/3 records \(0%\)/).and.match(/import site\.json: 3\/3 records \(100%\), \d+\/s\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
