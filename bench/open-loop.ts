// Open-loop HTTP load at a fixed request rate (issue 20, "latency below saturation"): request i is due
// at start + i/rate whatever the answers before it did, and its latency counts from that moment, so a
// slow answer delays no later request and queueing shows in the latency (no coordinated omission).
// Requests go over keep-alive connections (bench/http-load.ts), opened as needed.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { PhaseResult } from './load.js';
import { Connection, percentile, round2, soapPost, type Answered, type Pending } from './http-load.js';

export interface OpenLoopResult extends PhaseResult {
  /** The rate asked for (rps: the answers per second received). */
  readonly rate: number;
  /** p99 of the load generator's own event-loop delay (ms): what of the latency is the generator's. */
  readonly generatorDelayP99: number;
}

/** Connections opened at most; past it requests wait (and their latency grows). */
const MAX_CONNECTIONS = 512;
/** Connections opened before the first request is due (enough for the answers outstanding at a few ms each: a connection opened later waits for the busy server to accept it, one per event-loop turn). */
const INITIAL_CONNECTIONS = 64;

/** `rate` requests per second for `durationS` seconds against `url`; waits up to 5 s for the last answers. */
export async function openLoopHttp(name: string, url: string, rate: number, durationS: number, body: () => string,
  expect = 'RET_SUCCESS'): Promise<OpenLoopResult> {
  const { hostname, port } = new URL(url);
  const total = Math.round(rate * durationS);
  const latencies: number[] = [];
  let successes = 0, lostRequests = 0, sent = 0;
  const idle: Connection[] = [];
  const all = new Set<Connection>();
  const waiting: Pending[] = [];
  const answered: Answered = (c, p, ok, text) => {
    latencies.push(performance.now() - p.from);
    if (ok && text.includes(expect)) successes++;
    const next = waiting.shift();
    if (next) c.send(next);
    else idle.push(c);
  };
  const lost = (c: Connection, p: Pending | undefined): void => {
    all.delete(c);
    const at = idle.indexOf(c);
    if (at >= 0) idle.splice(at, 1);
    if (p) lostRequests++;
  };
  const open = (): Connection => { const c = new Connection(Number(port), hostname, answered, lost); all.add(c); return c; };
  const dispatch = (p: Pending): void => {
    const c = idle.pop();
    if (c) return c.send(p);
    if (all.size >= MAX_CONNECTIONS) { waiting.push(p); return; }
    const fresh = open();
    void fresh.ready.then(() => fresh.send(p), () => undefined);
  };
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const initial = Array.from({ length: INITIAL_CONNECTIONS }, open);
  await Promise.all(initial.map((c) => c.ready));
  idle.push(...initial);
  const start = performance.now() + 20;
  const interval = 1000 / rate;
  delay.enable();
  await new Promise<void>((finish) => {
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        dispatch({ from: start + sent * interval, bytes: soapPost(hostname, port, body()) });
        sent++;
      }
      if (sent < total) { setTimeout(tick, 1); return; }
      const deadline = now + 5000;
      const drain = (): void => {
        if (latencies.length + lostRequests >= total || performance.now() > deadline) finish();
        else setTimeout(drain, 10);
      };
      drain();
    };
    setTimeout(tick, 20);
  });
  delay.disable();
  for (const c of all) c.close();
  latencies.sort((a, b) => a - b);
  return { name, rate, rps: latencies.length / durationS, p50: round2(percentile(latencies, 0.5)), p99: round2(percentile(latencies, 0.99)),
    requests: total, successes, errors: total - successes, generatorDelayP99: round2(delay.percentile(99) / 1e6) };
}
