// `replay` (issue 9): the project's golden cases replay with zero differences against a fresh server;
// a changed expected file gives exactly one difference; broken cases give errors naming the case;
// --update writes expected files; --suggest-codes derives overrides; a running --target works too.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config/load.js';
import { createApp, startServer } from '../../src/main.js';
import { replay, type ReplayOptions } from '../../src/record/replay.js';
import { totp } from '../../src/otp/totp.js';
import { findCases, GOLDEN_ROOT } from '../golden/runner.js';
import { authUser, copyTree, tempDir } from './support.js';

const UNKNOWN_USER = join(GOLDEN_ROOT, 'authUser/status/unknown-user');
const DISABLED_USER = join(GOLDEN_ROOT, 'authUser/status/disabled-user');

async function run(dir: string, extra: Partial<ReplayOptions> = {}) {
  const lines: string[] = [];
  const report = await replay({ dir, update: false, suggestCodes: false, ignore: [], timeoutMs: 10_000, say: (l) => lines.push(l), ...extra });
  return { ...report, lines, text: lines.join('\n') };
}

const outcomes = (r: Awaited<ReturnType<typeof run>>) => r.results.map((x) => `${x.title}: ${x.outcome}`);

describe('replay', function () {
  // A hang guard, not a timing: the whole golden set (250 cases, ~20 s of CPU) on a loaded 2-core machine.
  this.timeout(180_000);
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => { tmp = tempDir('replay'); });
  afterEach(() => tmp.remove());

  it('replays every golden case of fixtures/soap against a fresh server with zero differences', async () => {
    const golden = findCases().map((c) => c.title).sort();
    expect(golden.length).to.be.greaterThan(10);
    const r = await run(GOLDEN_ROOT);
    expect(r.results.map((x) => x.title).sort()).to.deep.equal(golden);
    expect(r.results.filter((x) => x.outcome !== 'same').map((x) => `${x.title}: ${x.error ?? JSON.stringify(x.differences)}`)).to.deep.equal([]);
    expect(r.failed).to.equal(false);
    expect(r.text).to.match(new RegExp(`same\\s+${golden.length}\\n`));
  });

  it('reproduces the golden answers byte for byte: --update on a copy rewrites nothing', async () => {
    copyTree(GOLDEN_ROOT, tmp.dir);
    const r = await run(tmp.dir, { update: true });
    expect(r.results.filter((x) => x.outcome !== 'same').map((x) => x.title)).to.deep.equal([]);
  });

  it('reports exactly one difference, readably, for a changed expected status', async () => {
    copyTree(UNKNOWN_USER, join(tmp.dir, 'a-unknown-user'));
    copyTree(DISABLED_USER, join(tmp.dir, 'b-disabled-user'));
    const file = join(tmp.dir, 'a-unknown-user', 'response.xml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('<statusCode xsi:type="xsd:int">1010</statusCode>', '<statusCode xsi:type="xsd:int">1011</statusCode>'));
    const junit = join(tmp.dir, 'junit.xml');
    const r = await run(tmp.dir, { junit });
    expect(outcomes(r)).to.deep.equal(['a-unknown-user: different', 'b-disabled-user: same']);
    expect(r.results[0].differences).to.deep.equal([{ where: 'resultCodes/statusCode', expected: '1011', actual: '1010' }]);
    expect(r.text).to.include('DIFFERENT  a-unknown-user  (1 difference)\n    resultCodes/statusCode\n      - expected: 1011\n      + got:      1010');
    expect(r.text).to.match(/different\s+1\n/).and.match(/same\s+1\n/);
    expect(r.failed).to.equal(true);
    const report = readFileSync(junit, 'utf8');
    expect(report).to.include('tests="2" failures="1" errors="0"').and.include('<failure message="1 difference(s)"');
  });

  it('gives an error naming the case for truncated, malformed or incomplete cases', async () => {
    copyTree(UNKNOWN_USER, join(tmp.dir, '0001-fine'));
    copyTree(UNKNOWN_USER, join(tmp.dir, '0002-truncated'));
    const truncated = join(tmp.dir, '0002-truncated', 'response.xml');
    writeFileSync(truncated, readFileSync(truncated, 'utf8').slice(0, 700));
    copyTree(UNKNOWN_USER, join(tmp.dir, '0003-malformed'));
    writeFileSync(join(tmp.dir, '0003-malformed', 'request.xml'), '<soapenv:Envelope><soapenv:Body></soapenv:Envelop>');
    copyTree(UNKNOWN_USER, join(tmp.dir, '0004-no-answer'));
    rmSync(join(tmp.dir, '0004-no-answer', 'response.xml'));
    copyTree(UNKNOWN_USER, join(tmp.dir, '0005-stray-file'));
    writeFileSync(join(tmp.dir, '0005-stray-file', 'notes.txt'), 'x');
    copyTree(UNKNOWN_USER, join(tmp.dir, '0006-bad-meta'));
    writeFileSync(join(tmp.dir, '0006-bad-meta', 'meta.json'), '{"time": ');
    const r = await run(tmp.dir);
    expect(outcomes(r)).to.deep.equal(['0001-fine: same', ...['0002-truncated', '0003-malformed', '0004-no-answer', '0005-stray-file', '0006-bad-meta'].map((t) => `${t}: error`)]);
    const errors = r.results.slice(1).map((x) => x.error);
    expect(errors[0]).to.match(/^response\.xml is not well-formed XML: .*\(the file looks truncated\)$/);
    expect(errors[1]).to.match(/^request\.xml is not well-formed XML/);
    expect(errors[2]).to.equal('response.xml is missing (replay --update writes it from the target)');
    expect(errors[3]).to.match(/^unknown file\(s\) in the case folder: notes\.txt/);
    expect(errors[4]).to.match(/^meta\.json is not valid JSON/);
    expect(r.text).to.include('ERROR      0002-truncated\n    response.xml is not well-formed XML');
    expect(r.text).to.match(/errors\s+5\n/);
    expect(r.failed).to.equal(true);
  });

  it('--update writes a missing response.xml from the target', async () => {
    copyTree(UNKNOWN_USER, join(tmp.dir, 'case'));
    rmSync(join(tmp.dir, 'case', 'response.xml'));
    const r = await run(tmp.dir, { update: true });
    expect(outcomes(r)).to.deep.equal(['case: updated']);
    expect(readFileSync(join(tmp.dir, 'case', 'response.xml'), 'utf8')).to.equal(readFileSync(join(UNKNOWN_USER, 'response.xml'), 'utf8'));
  });

  describe('--suggest-codes on a recording whose upstream numbered a status differently', () => {
    const time = '2026-03-01T10:00:00.000Z';
    const writeRecording = (dir: string) => {
      const otp = totp(Buffer.from('12345678901234567890'), Date.parse(time), 30, 6, 'SHA1');
      for (const name of ['0001-authUser-jane.doe', '0002-authUser-jane.doe', '0003-authUser-nobody']) {
        mkdirSync(join(dir, name));
        const user = name.endsWith('nobody') ? 'nobody' : 'jane.doe';
        writeFileSync(join(dir, name, 'request.xml'), authUser(user, `1234${otp}`));
        const meta = { time, operation: 'authUser', user, status: { http: 200 }, path: '/', request: { contentType: 'text/xml; charset=utf-8', soapAction: null } };
        writeFileSync(join(dir, name, 'meta.json'), JSON.stringify(meta));
      }
    };
    const edit = (file: string, from: string, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replaceAll(from, to));

    it('prints the override for a renumbered status, a note for a different situation, and the override removes the difference', async () => {
      writeRecording(tmp.dir);
      expect(outcomes(await run(tmp.dir, { update: true }))).to.deep.equal(['0001-authUser-jane.doe: updated', '0002-authUser-jane.doe: updated', '0003-authUser-nobody: updated']);
      const second = join(tmp.dir, '0002-authUser-jane.doe', 'response.xml');
      expect(readFileSync(second, 'utf8')).to.include('STAT_OTP_REPLAY').and.include('<statusCode xsi:type="xsd:int">1008</statusCode>');
      expect(readFileSync(join(tmp.dir, '0001-authUser-jane.doe', 'response.xml'), 'utf8')).to.include('STAT_SUCCESS');
      edit(second, '<statusCode xsi:type="xsd:int">1008</statusCode>', '<statusCode xsi:type="xsd:int">1013</statusCode>');
      edit(second, '<errorCode xsi:type="xsd:int">1008</errorCode>', '<errorCode xsi:type="xsd:int">1013</errorCode>');
      edit(join(tmp.dir, '0003-authUser-nobody', 'response.xml'), 'STAT_NO_USER', 'STAT_LOCKED');
      const r = await run(tmp.dir, { suggestCodes: true });
      expect(outcomes(r)).to.deep.equal(['0001-authUser-jane.doe: same', '0002-authUser-jane.doe: different', '0003-authUser-nobody: different']);
      expect(r.lines).to.include('{"OTP_REPLAY":{"code":1013}}');
      expect(r.lines).to.include(`COUNTERSIGN_STATUS_OVERRIDES='{"OTP_REPLAY":{"code":1013}}'`);
      expect(r.text).to.match(/note: 0003-authUser-nobody: upstream said STAT_LOCKED \(1010\) where we said STAT_NO_USER \(1010\): a different situation/);
      rmSync(join(tmp.dir, '0003-authUser-nobody'), { recursive: true });
      process.env.COUNTERSIGN_STATUS_OVERRIDES = '{"OTP_REPLAY":{"code":1013}}';
      try {
        const fixed = await run(tmp.dir, { suggestCodes: true });
        expect(outcomes(fixed)).to.deep.equal(['0001-authUser-jane.doe: same', '0002-authUser-jane.doe: same']);
        expect(fixed.text).to.include('No status override suggested (every status agreed).');
      } finally {
        delete process.env.COUNTERSIGN_STATUS_OVERRIDES;
      }
    });
  });

  it('replays against a running --target', async () => {
    const dir = join(tmp.dir, 'server');
    const config = loadConfig({}, {
      database: `sqlite:${join(dir, 'cs.db')}`, masterKeyFile: join(dir, 'master.key'), httpPort: 0, httpHost: '127.0.0.1', logLevel: 'silent',
      argon2MemoryKiB: 1024, argon2TimeCost: 1, radiusEnabled: false,
    });
    const running = await startServer(await createApp(config));
    try {
      copyTree(UNKNOWN_USER, join(tmp.dir, 'cases', 'unknown-user'));
      const r = await run(join(tmp.dir, 'cases'), { target: running.url });
      expect(outcomes(r)).to.deep.equal(['unknown-user: same']);
      expect(r.text).to.include(`against ${running.url}`).and.include('seed.json files and $clock are not applied');
    } finally {
      await running.close();
    }
  });
});
