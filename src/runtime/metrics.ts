// The metrics of one app (docs/operations/monitoring.md), in the Prometheus text format through
// prom-client: a registry per app (never prom-client's global one, so several apps in one process do
// not clash), typed helpers to count into it, and sources read at scrape time (RADIUS counters, pending pushes).
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { RequestTally } from './request-tally.js';

/** The doors a request can come through; `http` = the server's own endpoints (WSDL, probes, 404s). */
export type Door = 'soap' | 'radius' | 'rest' | 'device' | 'console' | 'http';

/** The RADIUS door's own counters (src/doors/radius/metrics.ts), read on each scrape. */
export interface RadiusCounters {
  readonly received: number;
  readonly retransmissions: number;
  readonly malformedRequests: number;
  readonly dropped: Readonly<Record<string, number>>;
}

export interface Metrics {
  /** Undefined when metrics are off (src/runtime/metrics-load.ts). */
  readonly registry: Registry | undefined;
  /** One answered request: `status` is a status name (STAT_...), or the door's own word for the answer. */
  request(door: Door, operation: string, status: string, seconds: number): void;
  /** A user account became locked (the lock threshold was reached). */
  lockout(): void;
  /** A store statement failed for another reason than a uniqueness or reference conflict. */
  storeError(): void;
  /** A SOAP request refused before any operation ran (Client Fault), by its reason tag. */
  soapRefused(reason: string): void;
  /** For the HTTP guard: a connection or request refused before any door saw it (`reason`: a fixed tag). */
  httpRejected(reason: string): void;
  /** For rate limiting: a request refused by a limit (`scope`: user, source address, ...). */
  rateLimited(door: string, scope: string): void;
  /** A virtual authenticator's OTP: `sent`, `failed` (delivery) or `limited` (the send limits), by channel. */
  virtualOtp(channel: string, result: string): void;
  /** Audit retention deleted `n` records of a class (`administrative`, `other`) in one batch. */
  auditPurged(kind: string, n: number): void;
  /** A background audit purge run ended: `ok` or `failed`. */
  auditPurgeRun(result: string): void;
  /** Adds a RADIUS door whose counters the scrape reads (several doors are summed). */
  addRadius(read: () => RadiusCounters): void;
  /** How pending push transactions are counted on a scrape (a bounded store query). */
  setPendingPush(count: () => Promise<number>): void;
  /** The whole registry in the Prometheus text format. */
  text(): Promise<string>;
  readonly contentType: string;
}

/** Latency buckets in seconds: OTP checks take milliseconds, held push calls up to minutes. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** A pending-push count that takes longer than this keeps the gauge's last value (and counts as a store error). */
const PENDING_SCRAPE_TIMEOUT_MS = 2000;

export interface MetricsOptions {
  /** prom-client's process metrics (CPU, memory, event loop lag, handles); default on. */
  readonly processMetrics?: boolean;
}

/**
 * Process metrics describe the process, not an app, and prom-client samples the event loop with a timer
 * per collector: one registry for them per process, shared by every app's scrape (tests start hundreds of apps).
 */
let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'countersign_' });
  }
  return processRegistry;
}

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const shared = (opts.processMetrics ?? true) ? processMetrics() : undefined;
  const tally = new RequestTally(BUCKETS);
  tally.register(registers, 'countersign_request_duration_seconds', 'Time from request to answer, by door and operation.');
  const lockouts = new Counter({ name: 'countersign_lockouts_total', help: 'User accounts locked by failed credential checks reaching the lock threshold.', registers });
  const storeErrors = new Counter({ name: 'countersign_store_errors_total', help: 'Store statements that failed (not counting uniqueness or reference conflicts).', registers });
  const soapRefused = new Counter({ name: 'countersign_soap_refused_total', help: 'SOAP requests refused with a Client Fault before any operation ran, by reason.', labelNames: ['reason'], registers });
  const httpRejected = new Counter({ name: 'countersign_http_rejected_total', help: 'HTTP connections or requests refused before any door saw them, by reason.', labelNames: ['reason'], registers });
  const rateLimited = new Counter({ name: 'countersign_rate_limited_total', help: 'Requests refused by a rate limit, by door and scope.', labelNames: ['door', 'scope'], registers });
  const virtualOtp = new Counter({ name: 'countersign_virtual_otp_sends_total', help: 'One-time passwords of virtual authenticators: sent, failed (delivery) or limited (send limits), by channel.', labelNames: ['channel', 'result'], registers });
  const auditPurged = new Counter({ name: 'countersign_audit_purged_total', help: 'Audit records deleted by the retention purge of this process, by class (administrative, other).', labelNames: ['records'], registers });
  const auditPurgeRuns = new Counter({ name: 'countersign_audit_purge_runs_total', help: 'Background audit purge runs, by result (ok, failed).', labelNames: ['result'], registers });
  for (const records of ['other', 'administrative']) auditPurged.inc({ records }, 0);
  for (const result of ['ok', 'failed']) auditPurgeRuns.inc({ result }, 0);
  const radius: (() => RadiusCounters)[] = [];
  radiusMetrics(registers, radius);
  let pending: (() => Promise<number>) | undefined;
  new Gauge({
    name: 'countersign_push_pending', help: 'Push transactions waiting for the device (open or fetched, not expired), read from the store at scrape time.', registers,
    async collect() {
      if (!pending) return;
      // A failed query is already a store error (the store reports it); a query past the timeout is one here.
      try { this.set(await withTimeout(pending(), PENDING_SCRAPE_TIMEOUT_MS)); } catch (e) { if (e === TIMED_OUT) storeErrors.inc(); }
    },
  });
  return {
    registry, contentType: registry.contentType,
    request: (door, operation, status, seconds) => tally.add(door, operation, status, seconds),
    lockout: () => lockouts.inc(),
    storeError: () => storeErrors.inc(),
    soapRefused: (reason) => soapRefused.inc({ reason }),
    httpRejected: (reason) => httpRejected.inc({ reason }),
    rateLimited: (door, scope) => rateLimited.inc({ door, scope }),
    virtualOtp: (channel, result) => virtualOtp.inc({ channel, result }),
    auditPurged: (records, n) => auditPurged.inc({ records }, n),
    auditPurgeRun: (result) => auditPurgeRuns.inc({ result }),
    addRadius: (read) => { radius.push(read); },
    setPendingPush: (count) => { pending = count; },
    text: async () => `${shared ? await shared.metrics() : ''}${await registry.metrics()}`,
  };
}

/** RADIUS counters kept by the door itself (no cost on its hot path): copied into counters on each scrape. */
function radiusMetrics(registers: Registry[], sources: (() => RadiusCounters)[]): void {
  const sum = (pick: (c: RadiusCounters) => number) => sources.reduce((n, read) => n + pick(read()), 0);
  const mirror = (name: string, help: string, pick: (c: RadiusCounters) => number) => new Counter({
    name, help, registers, collect() { this.reset(); this.inc(sum(pick)); },
  });
  mirror('countersign_radius_packets_received_total', 'RADIUS datagrams received.', (c) => c.received);
  mirror('countersign_radius_retransmissions_total', 'RADIUS retransmissions answered from the reply cache (or joined to the answer being computed).', (c) => c.retransmissions);
  mirror('countersign_radius_malformed_requests_total', 'Access-Requests answered with a reject for their content (missing or malformed attributes, CHAP, bad State).', (c) => c.malformedRequests);
  new Counter({
    name: 'countersign_radius_dropped_total', help: 'RADIUS datagrams dropped without an answer, by reason.', labelNames: ['reason'], registers,
    collect() {
      this.reset();
      const totals = new Map<string, number>();
      for (const read of sources) for (const [reason, n] of Object.entries(read().dropped)) totals.set(reason, (totals.get(reason) ?? 0) + n);
      for (const [reason, n] of totals) this.inc({ reason }, n);
    },
  });
}

const TIMED_OUT = new Error('timed out');

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => { timer = setTimeout(() => fail(TIMED_OUT), ms); });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
