// Progress of long commands (issue 17 "Long jobs": imports, backup), always on stderr so stdout stays
// machine-readable: a cli-progress bar (total, percentage, rate, ETA) on a terminal, otherwise one
// plain line at the start, then at most every `everyMs`, and one at the end. The clock is injected.
import cliProgress from 'cli-progress';

export interface ProgressOptions {
  /** What is counted, for the lines: "lines", "key packages", "pages". */
  readonly unit: string;
  readonly label: string;
  /** The stream written to (default process.stderr); a TTY gets the bar. */
  readonly stream?: NodeJS.WriteStream;
  readonly now?: () => number;
  /** Least time between two plain lines (default 5000 ms). */
  readonly everyMs?: number;
}

/** Shown progress: `update` as work is done (cheap; the display throttles itself), `stop` once at the end. */
export interface ProgressView {
  update(done: number, total?: number): void;
  stop(): void;
}

/** Rate (units per second) and ETA (seconds, undefined when unknown) of `done` of `total` after `elapsedMs`. */
export function pace(done: number, total: number | undefined, elapsedMs: number): { rate: number; eta: number | undefined } {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = total !== undefined && rate > 0 ? Math.max(0, (total - done) / rate) : undefined;
  return { rate, eta };
}

const percent = (done: number, total: number | undefined): string =>
  total ? ` (${Math.min(100, Math.floor((done * 100) / total))}%)` : '';

/** One plain progress line, e.g. "import: 5000/40000 key packages (12%), 850/s, about 41 s left". */
export function progressLine(label: string, unit: string, done: number, total: number | undefined, elapsedMs: number): string {
  const { rate, eta } = pace(done, total, elapsedMs);
  const left = eta === undefined || done === total ? '' : `, about ${Math.ceil(eta)} s left`;
  return `${label}: ${done}${total !== undefined ? `/${total}` : ''} ${unit}${percent(done, total)}, ${Math.round(rate)}/s${left}`;
}

/** Plain lines for logs and pipes. */
function lineView(o: ProgressOptions, stream: NodeJS.WritableStream, now: () => number): ProgressView {
  const start = now();
  let last = -Infinity;
  let state = { done: 0, total: undefined as number | undefined };
  let shown = true;
  const write = (): void => {
    stream.write(`${progressLine(o.label, o.unit, state.done, state.total, now() - start)}\n`);
    shown = true;
  };
  return {
    update(done, total) {
      state = { done, total: total ?? state.total };
      shown = false;
      if (now() - last < (o.everyMs ?? 5000)) return;
      last = now();
      write();
    },
    stop() {
      if (!shown) write();
    },
  };
}

/** The cli-progress bar for a terminal. */
function barView(o: ProgressOptions, stream: NodeJS.WriteStream, now: () => number): ProgressView {
  const start = now();
  const bar = new cliProgress.SingleBar({
    stream, hideCursor: true, etaBuffer: 50,
    format: `${o.label} [{bar}] {percentage}% | {value}/{total} ${o.unit} | {rate}/s | ETA {eta_formatted}`,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      const payload = { rate: Math.round(pace(done, total, now() - start).rate) };
      if (!started) bar.start(total ?? done, done, payload);
      else bar.update(done, payload);
      if (total !== undefined) bar.setTotal(total);
      started = true;
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** The progress view for `o.stream`: a bar on a terminal, plain lines otherwise. */
export function showProgress(o: ProgressOptions): ProgressView {
  const stream = o.stream ?? process.stderr;
  const now = o.now ?? Date.now;
  return stream.isTTY ? barView(o, stream, now) : lineView(o, stream, now);
}
