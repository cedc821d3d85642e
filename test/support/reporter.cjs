// Mocha reporter: the spec reporter plus one closing line "tests: N passed, N failed, N skipped"
// that CI systems reading plain summaries understand. With COUNTERSIGN_TEST_TIMES=<file> it also writes
// one JSON line per test file and per test (wall ms; CPU ms of this process and its reaped children).
const { appendFileSync, readFileSync } = require('node:fs');
const { relative } = require('node:path');
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_TEST_END } = Mocha.Runner.constants;

/** CPU ms of this process and of the children it has reaped (/proc/self/stat utime stime cutime cstime). */
function cpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

/**
 * Per-file and per-test times as JSON lines in `out`. Under --parallel a file's events arrive together
 * once its worker is done, without the file on its suites: each file's line is then written at the end
 * of the run and holds the sum of its tests' durations and no CPU.
 */
function recordTimes(runner, out) {
  const parallel = typeof runner.isParallelMode === 'function' && runner.isParallelMode();
  const write = (line) => appendFileSync(out, `${JSON.stringify(line)}\n`);
  const file = (x) => relative(process.cwd(), x.file ?? '(root)');
  const open = new Map();
  runner.on(EVENT_SUITE_BEGIN, (suite) => {
    if (!parallel && suite.parent && suite.parent.root) open.set(suite, { at: Date.now(), cpu: cpuMs() });
  });
  runner.on(EVENT_SUITE_END, (suite) => {
    const start = open.get(suite);
    if (!start) return;
    open.delete(suite);
    write({ kind: 'file', file: file(suite), title: suite.title, ms: Date.now() - start.at, cpuMs: cpuMs() - start.cpu });
  });
  const perFile = new Map();
  runner.on(EVENT_TEST_END, (test) => {
    write({ kind: 'test', file: file(test), title: test.fullTitle(), ms: test.duration ?? 0, state: test.state ?? 'pending' });
    if (parallel) perFile.set(file(test), (perFile.get(file(test)) ?? 0) + (test.duration ?? 0));
  });
  runner.once(EVENT_RUN_END, () => {
    for (const [f, ms] of perFile) write({ kind: 'file', file: f, title: '(tests only)', ms, cpuMs: null, parallel });
  });
}

class CountersignReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    if (process.env.COUNTERSIGN_TEST_TIMES) recordTimes(runner, process.env.COUNTERSIGN_TEST_TIMES);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      process.stdout.write(`\ntests: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n`);
    });
  }
}
module.exports = CountersignReporter;
