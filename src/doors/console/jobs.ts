// The console's import jobs (issue 21): at most MAX_RUNNING at once per process, each seen only by the
// administrator who started it, its progress as done of total with rate and ETA, forgotten KEEP_MS
// after it ends (and at most MAX_KEPT kept), so the registry stays small whatever happens.
import { randomBytes } from 'node:crypto';
import type { ImportSummary } from '../../admin/import-rows.js';
import type { Clock } from '../../engine/ports.js';

export const MAX_RUNNING = 2;
export const MAX_KEPT = 20;
export const KEEP_MS = 10 * 60 * 1000;

export interface JobView {
  readonly id: string;
  readonly format: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly done: number;
  readonly total: number | null;
  /** Units (CSV lines, PSKC key packages) a second, and the seconds left at that rate; null until known. */
  readonly rate: number | null;
  readonly etaS: number | null;
  readonly startedAt: string;
  readonly summary: ImportSummary | null;
  readonly message: string | null;
}

export interface Job {
  progress(done: number, total?: number): void;
  finish(summary: ImportSummary): void;
  fail(message: string): void;
  view(): JobView;
}

interface Entry { readonly owner: string; readonly job: Job; endedAt: number | null }

export function createJobs() {
  const entries = new Map<string, Entry>();
  const forget = () => {
    const now = Date.now();
    for (const [id, e] of entries) if (e.endedAt !== null && now - e.endedAt > KEEP_MS) entries.delete(id);
    const ended = [...entries].filter(([, e]) => e.endedAt !== null);
    while (entries.size > MAX_KEPT && ended.length > 0) entries.delete(ended.shift()![0]);
  };
  return {
    /** A new running job, or undefined when MAX_RUNNING already run. */
    open(owner: string, format: string, clock: Clock): Job | undefined {
      forget();
      if ([...entries.values()].filter((e) => e.endedAt === null).length >= MAX_RUNNING) return undefined;
      const id = randomBytes(12).toString('hex');
      const entry: Entry = { owner, job: makeJob(id, format, clock, () => { entry.endedAt = Date.now(); }), endedAt: null };
      entries.set(id, entry);
      return entry.job;
    },
    find(id: string, owner: string): Job | undefined {
      forget();
      const e = entries.get(id);
      return e && e.owner === owner ? e.job : undefined;
    },
  };
}

function makeJob(id: string, format: string, clock: Clock, ended: () => void): Job {
  const started = performance.now();
  const startedAt = new Date(clock.now()).toISOString();
  let state: JobView['state'] = 'running';
  let done = 0;
  let total: number | null = null;
  let summary: ImportSummary | null = null;
  let message: string | null = null;
  return {
    progress(d, t) { done = d; if (t !== undefined) total = t; },
    finish(s) { summary = s; state = 'done'; if (total !== null) done = total; ended(); },
    fail(m) { message = m; state = 'failed'; ended(); },
    view() {
      const seconds = (performance.now() - started) / 1000;
      const rate = done > 0 && seconds > 0 ? Math.round((done / seconds) * 10) / 10 : null;
      const etaS = rate && total !== null && state === 'running' ? Math.ceil((total - done) / rate) : null;
      return { id, format, state, done, total, rate, etaS, startedAt, summary, message };
    },
  };
}
