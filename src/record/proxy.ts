// The recording reverse proxy (issue 9): requests go to the upstream unchanged, answers come back
// unchanged (streamed byte for byte), complete SOAP POST exchanges are then written as cases. Upstream
// down or slow: HTTP 500 with a SOAP 1.1 Server Fault (SOAP 1.1 §6.2), nothing recorded.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { loadConfig } from '../config/load.js';
import { createHttpServer, httpLimits, listen } from '../runtime/http-server.js';
import { escapeXml } from '../domain/text.js';
import { CaseWriter } from './case-writer.js';
import { toCase, type Captured } from './exchange.js';

export interface RecorderOptions {
  readonly upstream: string;
  readonly out: string;
  readonly port: number;
  readonly host: string;
  readonly keepSecrets: boolean;
  /** Extra CA certificate(s), PEM, trusted for an https upstream. */
  readonly ca?: Buffer;
  /** Until the upstream's answer starts, and then the longest pause within it. */
  readonly timeoutMs: number;
  /** Bodies larger than this are passed through but not recorded. */
  readonly maxRecordBytes: number;
  readonly log: (line: string) => void;
}

export interface Recorder { readonly url: string; readonly port: number; recorded(): number; close(): Promise<void> }

/** Hop-by-hop headers, never forwarded; accept-encoding too, so that recordings are plain XML. */
const HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'expect']);

function forwardHeaders(headers: IncomingMessage['headers'], drop: readonly string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP.has(k) && !drop.includes(k)) out[k] = v;
  return out;
}

/** Keeps the first `cap` bytes of a stream and counts the rest. */
class Capture {
  private chunks: Buffer[] = [];
  bytes = 0;
  constructor(private readonly cap: number) {}
  add(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.bytes <= this.cap) this.chunks.push(chunk);
  }
  get complete(): boolean { return this.bytes <= this.cap; }
  get body(): Buffer { return Buffer.concat(this.chunks); }
}


export function proxyFault(faultstring: string): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">'
    + `<SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>${escapeXml(faultstring)}</faultstring>`
    + '</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>';
}

/** The upstream as shown in logs and meta.json: no user name or password. */
export function publicUrl(u: URL): string {
  const copy = new URL(u.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

interface Ctx { readonly opts: RecorderOptions; readonly target: URL; readonly shown: string; readonly writer: CaseWriter; readonly agent: HttpAgent;
  readonly saving: Set<Promise<void>>; count: number }

function fail(ctx: Ctx, req: IncomingMessage, res: ServerResponse, why: 'unreachable' | 'timeout', detail: string): void {
  const text = why === 'timeout'
    ? `Countersign recorder: the upstream server ${ctx.shown} did not answer within ${ctx.opts.timeoutMs} ms; nothing was recorded`
    : `Countersign recorder: the upstream server ${ctx.shown} could not be reached (${detail}); nothing was recorded`;
  const soap = req.method === 'POST';
  const status = soap ? 500 : why === 'timeout' ? 504 : 502;
  ctx.opts.log(`! ${req.method} ${req.url}: upstream ${why === 'timeout' ? 'timed out' : `unreachable (${detail})`}; answered ${status}${soap ? ' with a SOAP Fault' : ''}`);
  if (res.headersSent) { res.destroy(); return; }
  const body = soap ? proxyFault(text) : `${text}\n`;
  res.writeHead(status, {
    'Content-Type': soap ? 'text/xml; charset=utf-8' : 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body), 'X-Countersign-Recorder': `upstream-${why}`, Connection: 'close',
  });
  res.end(body);
}

function forward(ctx: Ctx, req: IncomingMessage, res: ServerResponse): void {
  const started = Date.now();
  const { target, opts } = ctx;
  const base = target.pathname.replace(/\/$/, '');
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const up = send(target, {
    method: req.method, path: base + (req.url ?? '/'), headers: forwardHeaders(req.headers, ['accept-encoding']), agent: ctx.agent, ca: opts.ca,
  });
  const sent = new Capture(opts.maxRecordBytes);
  let answered = false;
  const deadline = setTimeout(() => { if (!answered) up.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })); }, opts.timeoutMs);
  up.on('error', (e: NodeJS.ErrnoException) => {
    clearTimeout(deadline);
    if (e.code === 'TIMEOUT') fail(ctx, req, res, 'timeout', '');
    else if (!answered) fail(ctx, req, res, 'unreachable', e.code ?? e.message);
    else res.destroy();
  });
  res.on('close', () => { if (!res.writableFinished) up.destroy(); });
  req.on('error', () => up.destroy());
  req.on('data', (c: Buffer) => sent.add(c));
  req.pipe(up);
  up.on('response', (answer) => {
    answered = true;
    clearTimeout(deadline);
    relay(ctx, { req, res, answer, sent, started });
  });
}

interface Leg { req: IncomingMessage; res: ServerResponse; answer: IncomingMessage; sent: Capture; started: number }

function relay(ctx: Ctx, { req, res, answer, sent, started }: Leg): void {
  const got = new Capture(ctx.opts.maxRecordBytes);
  const stalled = setTimeout(() => answer.destroy(new Error('the upstream answer stalled')), ctx.opts.timeoutMs);
  res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardHeaders(answer.headers));
  answer.on('data', (c: Buffer) => { got.add(c); stalled.refresh(); });
  answer.on('error', () => res.destroy());
  answer.on('close', () => clearTimeout(stalled));
  answer.pipe(res);
  answer.on('end', () => {
    if (req.method !== 'POST') { ctx.opts.log(`  ${req.method} ${req.url} -> ${answer.statusCode} (passed through, not recorded)`); return; }
    const captured: Captured = {
      started, finished: Date.now(), upstream: ctx.shown, path: req.url ?? '/', requestHeaders: req.headers,
      request: sent.body, requestComplete: sent.complete && req.complete, httpStatus: answer.statusCode ?? 0,
      responseContentType: answer.headers['content-type'], response: got.body, responseBytes: got.bytes, responseComplete: got.complete,
    };
    const saving = save(ctx, captured);
    ctx.saving.add(saving);
    void saving.finally(() => ctx.saving.delete(saving));
  });
}

async function save(ctx: Ctx, captured: Captured): Promise<void> {
  try {
    const verdict = toCase(captured, ctx.opts.keepSecrets);
    if ('skip' in verdict) { ctx.opts.log(`  POST ${captured.path} -> ${captured.httpStatus} passed through, not recorded: ${verdict.skip}`); return; }
    const name = await ctx.writer.write(verdict.record);
    ctx.count++;
    const s = verdict.record.meta.status;
    ctx.opts.log(`+ ${name}: ${s.fault ? `Fault ${s.fault}` : `${s.enum ?? '?'} (${s.code ?? '?'})`}, ${verdict.record.meta.durationMs} ms`);
  } catch (e) {
    ctx.opts.log(`! could not write a case for POST ${captured.path}: ${(e as Error).message}`);
  }
}

export async function startRecorder(opts: RecorderOptions): Promise<Recorder> {
  const target = URL.canParse(opts.upstream) ? new URL(opts.upstream) : undefined;
  if (!target || target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error(`--upstream must be an http:// or https:// URL, got "${opts.upstream}"`);
  const agent = target.protocol === 'https:' ? new HttpsAgent({ keepAlive: true, ca: opts.ca }) : new HttpAgent({ keepAlive: true });
  const ctx: Ctx = { opts, target, shown: publicUrl(target), writer: new CaseWriter(opts.out, opts.keepSecrets ? 0o600 : 0o644), agent,
    saving: new Set(), count: 0 };
  // The same guarded listener as the server's (issue 16), with the default limits.
  const log = { warn: (o: object, msg: string) => opts.log(`! ${msg} ${JSON.stringify(o)}`), error: (o: object, msg: string) => opts.log(`! ${msg} ${JSON.stringify(o)}`) };
  const { server } = createHttpServer((req, res) => forward(ctx, req, res), { limits: httpLimits(loadConfig({})), log });
  const port = await listen(server, opts.port, opts.host);
  const host = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  return {
    url: `http://${host}:${port}/`, port, recorded: () => ctx.count,
    close: async () => {
      const closed = new Promise((ok) => server.close(ok));
      server.closeAllConnections();
      agent.destroy();
      await closed;
      await Promise.all(ctx.saving);
    },
  };
}
