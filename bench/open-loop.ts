// Open-loop HTTP load at a fixed request rate (issue 20, "latency below saturation"): request i is due
// at start + i/rate whatever the answers before it did, and its latency counts from that moment, so a
// slow answer delays no later request and queueing shows in the latency (no coordinated omission).
// Requests go over keep-alive connections opened as needed (a minimal HTTP/1.1 client on node:net,
// far cheaper than node:http on the cores it shares with the server).
import { connect, type Socket } from 'node:net';

export interface OpenLoopResult {
  readonly name: string;
  /** The rate asked for, and the answers per second received. */
  readonly rate: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly successes: number;
  /** Requests not answered as expected (refused, lost or unanswered). */
  readonly errors: number;
  readonly rssMb?: number;
  readonly cpuUs?: number;
}

/** Connections opened at most; past it requests wait (and their latency grows). */
const MAX_CONNECTIONS = 512;
const HEADER_END = Buffer.from('\r\n\r\n');

interface Pending { readonly due: number; readonly bytes: Buffer }

class Connection {
  private buffered: Buffer = Buffer.alloc(0);
  private current?: Pending;
  constructor(private readonly socket: Socket, private readonly done: (c: Connection, p: Pending, ok: boolean, body: string) => void,
    failed: (c: Connection, p: Pending | undefined) => void) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => failed(this, this.current));
  }

  get busy(): boolean { return this.current !== undefined; }

  send(p: Pending): void { this.current = p; this.socket.write(p.bytes); }

  close(): void { this.socket.destroy(); }

  /** One answer at a time: headers, then Content-Length bytes or chunks up to the last (0) chunk. */
  private read(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const end = this.buffered.indexOf(HEADER_END);
    if (end < 0 || !this.current) return;
    const head = this.buffered.subarray(0, end).toString('latin1');
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let body: string | undefined;
    let used = 0;
    if (length) {
      used = end + 4 + Number(length[1]);
      if (this.buffered.length >= used) body = this.buffered.subarray(end + 4, used).toString('utf8');
    } else {
      const last = this.buffered.indexOf('\r\n0\r\n\r\n', end);
      if (last >= 0) { used = last + 7; body = this.buffered.subarray(end + 4, last).toString('utf8'); }
    }
    if (body === undefined) return;
    this.buffered = this.buffered.subarray(used);
    const p = this.current;
    this.current = undefined;
    this.done(this, p, head.startsWith('HTTP/1.1 200'), body);
  }
}

const percentile = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0);
const round2 = (x: number): number => Math.round(x * 100) / 100;

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
  const request = (b: string): Buffer => Buffer.from(`POST / HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: text/xml; charset=utf-8\r\n`
    + `Content-Length: ${Buffer.byteLength(b)}\r\n\r\n${b}`);
  const dispatch = (p: Pending): void => {
    const c = idle.pop();
    if (c) return c.send(p);
    if (all.size >= MAX_CONNECTIONS) { waiting.push(p); return; }
    const socket = connect(Number(port), hostname);
    const conn = new Connection(socket, answered, lost);
    all.add(conn);
    socket.once('connect', () => conn.send(p));
  };
  const answered = (c: Connection, p: Pending, ok: boolean, text: string): void => {
    latencies.push(performance.now() - p.due);
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
  const start = performance.now() + 20;
  const interval = 1000 / rate;
  await new Promise<void>((finish) => {
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        dispatch({ due: start + sent * interval, bytes: request(body()) });
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
  for (const c of all) c.close();
  latencies.sort((a, b) => a - b);
  return { name, rate, rps: latencies.length / durationS, p50: round2(percentile(latencies, 0.5)), p99: round2(percentile(latencies, 0.99)),
    requests: total, successes, errors: total - successes };
}
