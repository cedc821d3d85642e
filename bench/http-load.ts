// The benchmark's HTTP load generator: keep-alive connections on node:net with a minimal HTTP/1.1
// client (one request at a time per connection, Content-Length or chunked answers), far cheaper than
// node:http on the cores it shares with the server. Closed loop (`closedLoop`): every connection is
// open before the measured window starts, then each sends its next request as soon as its answer came,
// so the window measures the steady state at that many connections, not a burst of connects (with a
// load generator that opened its connections while measuring, at 512 connections on 2 cores the bare
// node:http server showed p99 0.85 s and max 6.3 s though it answered each request in 0.2 ms).
import { connect, type Socket } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');

/** One request: its bytes and when it counts from (sent, or due in an open loop). */
export interface Pending { readonly from: number; readonly bytes: Buffer }

export type Answered = (c: Connection, p: Pending, ok: boolean, body: string) => void;

export class Connection {
  private buffered: Buffer = Buffer.alloc(0);
  private current?: Pending;
  readonly ready: Promise<void>;

  constructor(port: number, host: string, private readonly done: Answered, lost: (c: Connection, p: Pending | undefined) => void) {
    const socket: Socket = connect(port, host);
    this.socket = socket;
    socket.setNoDelay(true);
    this.ready = new Promise((ok, fail) => { socket.once('connect', ok); socket.once('error', fail); });
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => lost(this, this.current));
  }

  private readonly socket: Socket;

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

/** The bytes of a SOAP POST to `host:port`. */
export const soapPost = (host: string, port: string, body: string): Buffer => Buffer.from(`POST / HTTP/1.1\r\nHost: ${host}:${port}\r\n`
  + `Content-Type: text/xml; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);

export const percentile = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0);
export const round2 = (x: number): number => Math.round(x * 100) / 100;

export interface ClosedLoopResult {
  readonly rps: number; readonly p50: number; readonly p99: number; readonly requests: number; readonly successes: number; readonly errors: number;
}

/**
 * `connections` connections, each of which has had one answer (uncounted) before `onStart` is called and
 * the `durationS` window begins; answers within the window count; a request open at its end is left out.
 * The first answer matters: Node accepts one connection per turn of its event loop, so a server busy
 * with hundreds of requests takes its new connections in slowly, and a window that began with those
 * connects would measure how fast the server accepts, not how it serves that many connections.
 */
export async function closedLoop(url: string, connections: number, durationS: number, body: () => string, expect: string,
  onStart: () => void = () => undefined): Promise<ClosedLoopResult> {
  const { hostname, port } = new URL(url);
  const latencies: number[] = [];
  let successes = 0, lost = 0, measuring = false, end = Infinity;
  const next = (c: Connection): void => {
    if (performance.now() >= end) return;
    c.send({ from: performance.now(), bytes: soapPost(hostname, port, body()) });
  };
  let greeted = 0;
  let allGreeted: () => void = () => undefined;
  const answered: Answered = (c, p, ok, text) => {
    if (!measuring) {
      if (++greeted === connections) allGreeted();
      return;
    }
    if (performance.now() < end) {
      latencies.push(performance.now() - p.from);
      if (ok && text.includes(expect)) successes++;
    }
    next(c);
  };
  const all = Array.from({ length: connections }, () => new Connection(Number(port), hostname, answered, (_c, p) => { if (p && measuring) lost++; }));
  try {
    await Promise.all(all.map((c) => c.ready));
    const greetings = new Promise<void>((ok) => { allGreeted = ok; });
    for (const c of all) c.send({ from: performance.now(), bytes: soapPost(hostname, port, body()) });
    await greetings;
    onStart();
    measuring = true;
    end = performance.now() + durationS * 1000;
    for (const c of all) next(c);
    await new Promise((ok) => setTimeout(ok, durationS * 1000));
    measuring = false;
  } finally { for (const c of all) c.close(); }
  latencies.sort((a, b) => a - b);
  const requests = latencies.length;
  return { rps: requests / durationS, p50: round2(percentile(latencies, 0.5)), p99: round2(percentile(latencies, 0.99)), requests, successes,
    errors: requests - successes + lost };
}
