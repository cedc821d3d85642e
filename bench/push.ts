// `node dist/bench/push.js [--count 1000]`: push and login under load (flows.md §6). Starts the real
// server with COUNT users each holding a push device, opens COUNT held authUser calls at once, reads
// the server's RSS while they wait, then approves every transaction through the device simulator's
// HTTP routes and reports how long until every held call answered, and how many succeeded.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { envelope } from './load.js';
import { peakRssMb, startProcess, stopProcess, serveArgs } from './processes.js';

const say = (s: string) => process.stdout.write(`${s}\n`);
const { values: opt } = parseArgs({ options: { count: { type: 'string', default: '1000' } } });
const COUNT = Number(opt.count);
const pad = (i: number) => String(i).padStart(6, '0');
const serial = (i: number) => `PUSH${pad(i)}`;

/** Peak RSS (VmHWM) of the server process, MB. */
const rssMb = (pid: number): number => peakRssMb(pid);

function seed(dir: string): string {
  const file = join(dir, 'push-seed.json');
  writeFileSync(file, JSON.stringify({
    extends: 'demo',
    policies: [{ name: 'Base', pushTimeoutS: 120 }],
    users: Array.from({ length: COUNT }, (_, i) => ({ userId: `push.${pad(i)}` })),
    authenticators: Array.from({ length: COUNT }, (_, i) => ({ serial: serial(i), kind: 'push', user: `push.${pad(i)}`, secretAscii: '12345678901234567890' })),
  }));
  return file;
}

async function inBatches(n: number, width: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => { while (next < n) await fn(next++); }));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-push-bench-'));
  const env = { COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'push.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
    COUNTERSIGN_DEMO_SEED: seed(dir), COUNTERSIGN_DEVICE_SIMULATOR: '1', COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1',
    COUNTERSIGN_LOG_LEVEL: 'warn', COUNTERSIGN_RADIUS_ENABLED: '0',
    // The 1,000 held calls come from one address (as from a gateway): the per-source connection cap is lifted.
    COUNTERSIGN_HTTP_MAX_CONNECTIONS_PER_SOURCE: '0' };
  const server = await startProcess(serveArgs(), env, /listening on (\S+)/, (m) => m[1]!);
  try {
    const pid = server.child.pid!;
    const idle = rssMb(pid);
    say(`Push load: ${COUNT} users with a push device; server peak RSS before: ${idle} MB`);
    const t0 = performance.now();
    const held = Array.from({ length: COUNT }, (_, i) => fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: envelope(`push.${pad(i)}`, 'push') })
      .then(async (r) => /STAT_SUCCESS/.test(await r.text())));
    let pending = 0;
    for (let tries = 0; tries < 600 && pending < COUNT; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      pending = 0;
      await inBatches(COUNT, 32, async (i) => {
        const list = (await (await fetch(new URL(`device/${serial(i)}/pending`, server.url))).json()) as { pending: unknown[] };
        pending += list.pending.length;
      });
    }
    const opened = performance.now() - t0;
    const holding = rssMb(pid);
    say(`- ${pending} transactions pending after ${(opened / 1000).toFixed(1)} s; server peak RSS while holding ${COUNT} calls: ${holding} MB (+${holding - idle} MB)`);
    const t1 = performance.now();
    let approved = 0;
    await inBatches(COUNT, 32, async (i) => {
      const res = await fetch(new URL(`device/${serial(i)}/approve`, server.url), { method: 'POST' });
      if (res.status === 200) approved++;
      await res.text();
    });
    const successes = (await Promise.all(held)).filter(Boolean).length;
    const seconds = (performance.now() - t1) / 1000;
    say(`- approved ${approved}/${COUNT} through the simulator; ${successes}/${COUNT} held calls answered STAT_SUCCESS, all within ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds)} approvals/s)`);
    say(`- peak RSS overall: ${rssMb(pid)} MB`);
  } finally {
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { process.stderr.write(`push bench: ${(e as Error).stack ?? e}\n`); process.exit(1); });
