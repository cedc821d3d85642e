// The store-size phases of one `npm run bench` run (SQLite): OTP-only authUser over a store of 1,000
// authenticators, and over a store of 1,000,000 with the load drawn from 1,000 of them spread through
// the table (every 1,000th user). Only the size of the store differs. Both stores are imported once;
// the phases alternate between them (storeSizePhases).
import { join } from 'node:path';
import type { PhaseResult } from './load.js';
import { measured } from './measure.js';
import { stopProcess } from './processes.js';
import { HOT_SET, importAuthenticators, serve, spreadOtps } from './scale.js';
import type { RunResult } from './targets.js';

export interface StoreSizeSetup {
  readonly dir: string;
  readonly key: Buffer;
  readonly large: number;
  readonly durationS: number;
  readonly connections: number;
  readonly say: (s: string) => void;
}

export interface StoreSizeSources { readonly small: () => string; readonly large: () => string }

/** Imports both stores (progress and time shown); the sources keep their counters across runs. */
export async function prepareStoreSize(s: StoreSizeSetup): Promise<StoreSizeSources> {
  for (const count of [HOT_SET, s.large]) {
    s.say(`Importing ${count.toLocaleString('en')} HOTP authenticators into SQLite for the store-size phases`);
    s.say(`  done in ${(await importAuthenticators(`sqlite:${join(s.dir, `size-${count}.db`)}`, s.key, count, s.say)).toFixed(1)} s`);
  }
  return { small: spreadOtps(HOT_SET), large: spreadOtps(s.large, HOT_SET) };
}

/**
 * The two stores in four windows of half the phase's duration each, small-large-large-small (ABBA):
 * the 2 shared cores' rate drifts by 10-20% over a run, and in this order a steady drift weighs on both
 * stores alike. Each window starts its server afresh, with a warm-up; a store's row joins its two.
 */
export async function storeSizePhases(s: StoreSizeSetup, src: StoreSizeSources, r: RunResult): Promise<void> {
  const windows: Record<'small' | 'large', PhaseResult[]> = { small: [], large: [] };
  for (const which of ['small', 'large', 'large', 'small'] as const) {
    const count = which === 'small' ? HOT_SET : s.large;
    const node = await serve(`sqlite:${join(s.dir, `size-${count}.db`)}`, join(s.dir, 'master.key'));
    try {
      const over = which === 'small' ? '' : ` (load over ${HOT_SET.toLocaleString('en')} of them)`;
      const durationS = s.durationS / 2;
      s.say(`- Countersign authUser, OTP only, store of ${count.toLocaleString('en')} authenticators${over}, ${s.connections} connections, ${durationS} s (window ${windows[which].length + 1} of 2)`);
      windows[which].push(await measured(`Countersign authUser, OTP only, store of ${count.toLocaleString('en')}${over}`, node,
        { connections: s.connections, durationS, warmUpS: 2 }, src[which]));
      s.say(`  ${Math.round(windows[which].at(-1)!.rps)} req/s`);
    } finally { await stopProcess(node); }
  }
  r.storeSmall = joined(windows.small);
  r.storeLarge = joined(windows.large);
}

/** One row of a store's windows: requests added up, rates and latencies their mean, the peak RSS the higher. */
function joined(w: readonly PhaseResult[]): PhaseResult {
  const mean = (f: (x: PhaseResult) => number | undefined): number | undefined => {
    const v = w.map(f).filter((x): x is number => x !== undefined);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : undefined;
  };
  const sum = (f: (x: PhaseResult) => number): number => w.reduce((a, x) => a + f(x), 0);
  const ms = (f: (x: PhaseResult) => number): number => Math.round(mean(f)! * 100) / 100;
  const rss = w.map((x) => x.rssMb).filter((x): x is number => x !== undefined);
  const cpu = mean((x) => x.cpuUs);
  return {
    name: w[0]!.name, rps: mean((x) => x.rps)!, p50: ms((x) => x.p50), p99: ms((x) => x.p99),
    requests: sum((x) => x.requests), successes: sum((x) => x.successes), errors: sum((x) => x.errors),
    rssMb: rss.length ? Math.max(...rss) : undefined, cpuUs: cpu === undefined ? undefined : Math.round(cpu),
  };
}
