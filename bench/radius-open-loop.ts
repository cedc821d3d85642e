// Open-loop RADIUS load at a fixed rate (issue 20, "latency below saturation"): Access-Request i is due
// at start + i/rate whatever happened before it; its latency counts from that moment. Identifiers come
// from per-socket pools of 256, with sockets added as the requests outstanding need them; a request
// unanswered after 2 s counts as an error.
import { createSocket, type Socket } from 'node:dgram';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { answerAuthentic } from '../src/doors/radius/crypto.js';
import { CODE } from '../src/doors/radius/dictionary.js';
import type { Packet } from '../src/doors/radius/packet.js';
import type { OpenLoopResult } from './open-loop.js';
import { radiusPacket, SECRET } from './radius.js';

const TIMEOUT_MS = 2000;

interface Outstanding { readonly due: number; readonly packet: Packet }
interface Pool { readonly s: Socket; readonly free: number[]; readonly pending: Map<number, Outstanding> }

const percentile = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0);
const round2 = (x: number): number => Math.round(x * 100) / 100;

export async function radiusOpenLoop(name: string, port: number, rate: number, durationS: number, next: () => [string, string]): Promise<OpenLoopResult> {
  const total = Math.round(rate * durationS);
  const latencies: number[] = [];
  let accepts = 0, lost = 0, sent = 0;
  const pools: Pool[] = [];
  const newPool = async (): Promise<Pool> => {
    const s = createSocket('udp4');
    const pool: Pool = { s, free: Array.from({ length: 256 }, (_, i) => 255 - i), pending: new Map() };
    s.on('message', (m) => {
      const o = pool.pending.get(m[1]!);
      if (!o) return;
      latencies.push(performance.now() - o.due);
      pool.pending.delete(m[1]!);
      pool.free.push(m[1]!);
      if (m[0] === CODE.ACCESS_ACCEPT && answerAuthentic(m, o.packet, SECRET)) accepts++;
    });
    await new Promise<void>((ok) => s.bind(0, '127.0.0.1', ok));
    pools.push(pool);
    return pool;
  };
  await newPool();
  const send = async (due: number): Promise<void> => {
    const pool = pools.find((p) => p.free.length > 0) ?? (await newPool());
    const id = pool.free.pop()!;
    const [user, password] = next();
    const packet = radiusPacket(id, user, password);
    pool.pending.set(id, { due, packet });
    pool.s.send(packet.raw, port, '127.0.0.1');
  };
  const sweep = setInterval(() => {
    const now = performance.now();
    for (const pool of pools) {
      for (const [id, o] of pool.pending) if (now - o.due > TIMEOUT_MS) { pool.pending.delete(id); pool.free.push(id); lost++; }
    }
  }, 100);
  const start = performance.now() + 20;
  const interval = 1000 / rate;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await new Promise<void>((finish) => {
    const tick = async (): Promise<void> => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) await send(start + sent++ * interval);
      if (sent < total) { setTimeout(() => void tick(), 1); return; }
      const drain = (): void => { if (latencies.length + lost >= total) finish(); else setTimeout(drain, 10); };
      drain();
    };
    setTimeout(() => void tick(), 20);
  });
  clearInterval(sweep);
  delay.disable();
  for (const p of pools) p.s.close();
  latencies.sort((a, b) => a - b);
  return { name, rate, rps: latencies.length / durationS, p50: round2(percentile(latencies, 0.5)), p99: round2(percentile(latencies, 0.99)),
    requests: total, successes: accepts, errors: total - accepts, generatorDelayP99: Math.round(delay.percentile(99) / 1e4) / 100 };
}
