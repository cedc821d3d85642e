// The store-size phases of one `npm run bench` run (SQLite): OTP-only authUser over a store of 1,000
// authenticators, and over a store of 1,000,000 with the load drawn from 1,000 of them spread through
// the table (every 1,000th user). Only the size of the store differs. Both stores are imported once.
import { join } from 'node:path';
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

export async function storeSizePhases(s: StoreSizeSetup, src: StoreSizeSources, r: RunResult): Promise<void> {
  for (const [count, body] of [[HOT_SET, src.small], [s.large, src.large]] as const) {
    const node = await serve(`sqlite:${join(s.dir, `size-${count}.db`)}`, join(s.dir, 'master.key'));
    try {
      const over = count === HOT_SET ? '' : ` (load over ${HOT_SET.toLocaleString('en')} of them)`;
      s.say(`- Countersign authUser, OTP only, store of ${count.toLocaleString('en')} authenticators${over}, ${s.connections} connections, ${s.durationS} s`);
      const row = await measured(`Countersign authUser, OTP only, store of ${count.toLocaleString('en')}${over}`, node,
        { connections: s.connections, durationS: s.durationS, warmUpS: 2 }, body);
      if (count === HOT_SET) r.storeSmall = row;
      else r.storeLarge = row;
    } finally { await stopProcess(node); }
  }
}
