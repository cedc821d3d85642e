// Drives generated inputs at a running server and tallies what came back (issue 16): for HTTP, every
// connection must get an answer or be closed before a deadline (else it is a hang); the caller
// checks that the process survived. Shared by the fuzz test in `npm test` and `npm run fuzz`.
import { exchange } from '../support/raw-http.js';
import { httpInput } from './http-inputs.js';
import { prng } from './prng.js';

/** The fuzzed server's settings: short timeouts, so half-sent requests are closed quickly. */
export const FUZZ_SERVER_ENV = {
  COUNTERSIGN_WORKERS: '1', COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_LOG_LEVEL: 'error',
  COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1', COUNTERSIGN_DEVICE_SIMULATOR: '1',
  COUNTERSIGN_HTTP_IDLE_TIMEOUT_MS: '1000', COUNTERSIGN_HTTP_HEADERS_TIMEOUT_MS: '1000', COUNTERSIGN_HTTP_REQUEST_TIMEOUT_MS: '2000',
  COUNTERSIGN_HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
};

export interface Hang { readonly index: number; readonly input: string }

export interface FuzzTally {
  sent: number;
  answered: number;
  closedWithoutAnswer: number;
  readonly hangs: Hang[];
  readonly statuses: Record<string, number>;
}

export const newTally = (): FuzzTally => ({ sent: 0, answered: 0, closedWithoutAnswer: 0, hangs: [], statuses: {} });

export interface HttpFuzzOptions {
  readonly port: number;
  readonly seed: number;
  readonly count: number;
  /** Connections in flight at once. */
  readonly concurrency: number;
  /** A connection neither answered nor closed by then is a hang. */
  readonly deadlineMs: number;
  /** Makes the bytes of input `index` (default: generated HTTP requests). */
  readonly input?: (index: number) => { bytes: Buffer; halfClose: boolean };
  /** Called between batches (e.g. to check that the server process is still alive). */
  readonly between?: () => void;
}

/** Sends `count` inputs, `concurrency` at a time; resolves with the tally. */
export async function fuzzHttp(o: HttpFuzzOptions, tally: FuzzTally = newTally()): Promise<FuzzTally> {
  const r = prng(o.seed);
  const make = o.input ?? (() => httpInput(r));
  for (let start = 0; start < o.count; start += o.concurrency) {
    const batch = Array.from({ length: Math.min(o.concurrency, o.count - start) }, (_, k) => {
      const index = start + k;
      const input = make(index);
      return exchange(o.port, input.bytes, { halfClose: input.halfClose, firstAnswer: !input.halfClose, deadlineMs: o.deadlineMs })
        .then((got) => {
          tally.sent++;
          if (got.hung) tally.hangs.push({ index, input: input.bytes.subarray(0, 200).toString('latin1') });
          else if (got.status !== undefined) tally.answered++;
          else tally.closedWithoutAnswer++;
          const key = String(got.status ?? (got.hung ? 'hang' : 'closed'));
          tally.statuses[key] = (tally.statuses[key] ?? 0) + 1;
        });
    });
    await Promise.all(batch);
    o.between?.();
  }
  return tally;
}
