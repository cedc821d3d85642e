// `countersign replay`: sends recorded or golden cases to Countersign (started for the run, or a
// running --target) and shows the structural differences (src/record/replay.ts). Exit 1 on any
// difference or error.
import { readFileSync } from 'node:fs';
import { replay } from '../../record/replay.js';

export interface ReplayCliOptions {
  target?: string; seed?: string; clock?: string; update?: boolean; junit?: string; suggestCodes?: boolean;
  ignore?: string; ca?: string; timeout: string;
}

export async function replayCommand(dir: string, opts: ReplayCliOptions): Promise<void> {
  const timeoutMs = Number(opts.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new Error(`--timeout: expected a whole number of milliseconds, got "${opts.timeout}"`);
  if (opts.target !== undefined && !/^https?:\/\//.test(opts.target)) throw new Error(`--target must be an http:// or https:// URL, got "${opts.target}"`);
  let ca: Buffer | undefined;
  if (opts.ca) {
    try { ca = readFileSync(opts.ca); } catch (e) { throw new Error(`--ca: cannot read ${opts.ca} (${(e as NodeJS.ErrnoException).code ?? 'error'})`); }
  }
  let piped = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') piped = false; else throw e; });
  const report = await replay({
    dir, target: opts.target, seed: opts.seed, clock: opts.clock, update: Boolean(opts.update), junit: opts.junit,
    suggestCodes: Boolean(opts.suggestCodes), ignore: (opts.ignore ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    ca, timeoutMs, say: (line) => { if (piped) process.stdout.write(`${line}\n`); },
  });
  if (report.failed) process.exitCode = 1;
}
