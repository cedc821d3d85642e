// `npm run fuzz`: the long fuzz run of issue 16 against a real `countersign serve` (SQLite in a temp
// folder, demo data, RADIUS on a free UDP port). HTTP request lines and headers, mutated SOAP
// envelopes, REST bodies and RADIUS packets; after each family the server must still authenticate.
// Prints crashes, hangs and peak RSS; exits 1 unless there are none and memory stayed under the bound.
// Options: --seed N --http N --soap N --rest N --radius N --concurrency N --max-rss-mb N
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CODE } from '../../src/doors/radius/dictionary.js';
import { authUser, startNode, stopNode, type Node } from '../scale/nodes.js';
import { restInput, soapInput } from './body-inputs.js';
import { FUZZ_SERVER_ENV, fuzzHttp, newTally, type FuzzTally } from './drive.js';
import { prng } from './prng.js';
import { fuzzRadius, radiusAlive } from './radius.js';

const { values: opt } = parseArgs({ options: {
  seed: { type: 'string', default: '20261201' }, http: { type: 'string', default: '20000' }, soap: { type: 'string', default: '5000' },
  rest: { type: 'string', default: '5000' }, radius: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '50' },
  'max-rss-mb': { type: 'string', default: '512' },
} });
const SEED = Number(opt.seed);
const say = (line: string) => process.stdout.write(`${line}\n`);

/** The kernel's peak resident set of a process (VmHWM), in MiB. */
const peakRssMb = (pid: number): number => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

interface Server { node: Node; httpPort: number; radiusPort: number }

async function start(dir: string): Promise<Server> {
  const node = await startNode('fuzz', {
    ...FUZZ_SERVER_ENV, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'c.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
    COUNTERSIGN_RADIUS_ENABLED: '1', COUNTERSIGN_RADIUS_HOST: '127.0.0.1', COUNTERSIGN_RADIUS_PORT: '0',
  });
  let radius: RegExpExecArray | null = null;
  for (let i = 0; i < 100 && !(radius = /RADIUS listening on udp:\/\/[^:]+:(\d+)/.exec(node.output())); i++) await new Promise((r) => setTimeout(r, 50));
  return { node, httpPort: Number(new URL(node.url).port), radiusPort: Number(radius?.[1] ?? 0) };
}

interface Family { readonly name: string; readonly count: number; run(s: Server, seed: number): Promise<FuzzTally>; alive(s: Server): Promise<boolean> }

const httpAlive = async (s: Server) => (await authUser(s.node, { CREDFLD_USERID: 'alice.static', CREDFLD_PASSWORD: 'Alice-Passw0rd' })).status === 'STAT_SUCCESS';
const concurrency = Number(opt.concurrency);
const viaHttp = (name: string, count: number, make?: typeof soapInput): Family => ({
  name, count, alive: httpAlive,
  run: (s, seed) => { const r = prng(seed); return fuzzHttp({ port: s.httpPort, seed, count, concurrency, deadlineMs: 30_000, input: make && (() => make(r)) }); },
});

const FAMILIES: Family[] = [
  viaHttp('HTTP request lines and headers', Number(opt.http)),
  viaHttp('SOAP envelopes (mutated authUser)', Number(opt.soap), soapInput),
  viaHttp('REST bodies', Number(opt.rest), restInput),
  {
    name: 'RADIUS packets', count: Number(opt.radius),
    alive: async (s) => (await radiusAlive(s.radiusPort)) === CODE.ACCESS_ACCEPT,
    run: async (s, seed) => {
      const t = newTally();
      t.answered = await fuzzRadius(prng(seed), s.radiusPort, Number(opt.radius));
      t.sent = Number(opt.radius);
      return t;
    },
  },
];

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-fuzz-run-'));
  let server = await start(dir);
  let crashes = 0;
  let hangs = 0;
  let peak = 0;
  const problems: string[] = [];
  try {
    for (const [i, family] of FAMILIES.entries()) {
      if (family.count <= 0) continue;
      const began = Date.now();
      const tally = await family.run(server, SEED + i);
      const crashed = server.node.child.exitCode !== null || server.node.child.signalCode !== null;
      const alive = !crashed && (await family.alive(server));
      if (!crashed) peak = Math.max(peak, peakRssMb(server.node.child.pid!));
      hangs += tally.hangs.length;
      say(`${family.name}: ${tally.sent} sent, ${tally.answered} answered, ${tally.closedWithoutAnswer} closed without an answer, `
        + `${tally.hangs.length} hangs, ${((Date.now() - began) / 1000).toFixed(1)} s; statuses ${JSON.stringify(tally.statuses)}`);
      tally.hangs.slice(0, 5).forEach((h) => say(`  hang #${h.index}: ${JSON.stringify(h.input)}`));
      if (crashed) { crashes++; problems.push(`${family.name}: the server died:\n${server.node.output().slice(-3000)}`); server = await start(dir); }
      else if (!alive) problems.push(`${family.name}: the server no longer authenticates a good request afterwards`);
    }
  } finally {
    await stopNode(server.node);
    rmSync(dir, { recursive: true, force: true });
  }
  const limit = Number(opt['max-rss-mb']);
  say(`\ncrashes: ${crashes}\nhangs: ${hangs}\npeak RSS: ${peak.toFixed(0)} MiB (bound ${limit} MiB)\nseed: ${SEED}`);
  problems.forEach((p) => say(`PROBLEM: ${p}`));
  return crashes === 0 && hangs === 0 && problems.length === 0 && peak <= limit ? 0 : 1;
}

main().then((code) => process.exit(code), (e: unknown) => { console.error(e); process.exit(2); });
