// Composition root: config → store (migrated, demo-seeded when empty) → engine; SOAP, REST, the device
// simulator and the operations endpoints on HTTP(S) (main-http.ts, main-ops.ts) and the RADIUS door
// (main-radius.ts), each loaded when it starts. No container: everything is wired by hand in these files,
// and only here do doors meet the engine.
import { resolve } from 'node:path';
import type { Server } from 'node:http';
import type { AdminServices } from './admin/services.js';
import type { Config } from './config/schema.js';
import { applyStatusOverrides, type StatusCatalogue } from './domain/status.js';
import { createEngine } from './engine/authenticate.js';
import type { AuthEngine } from './engine/engine.js';
import { createMfaEngine, type MfaEngine } from './engine/mfa.js';
import { createUserGate } from './engine/user-gate.js';
import { failureTaggerFor } from './engine/policy/failure-tag.js';
import type { Clock, Ports, Randomness } from './engine/ports.js';
import { parseClock, systemRandom } from './runtime/clock.js';
import { createLogger, type Logger } from './runtime/logger.js';
import { openStore, type Store } from './store/store.js';
import { dataFolderOf, prepareMasterKey } from './store/masterkey.js';
import { SeedError, readSeedFile } from './store/seed.js';
import { loadSeed } from './admin/import-seed.js';
import { createRequestObserver, type RequestObserver } from './runtime/request-log.js';
import type { RadiusRunning } from './doors/radius/index.js';
import { createAuditFeed, type AuditFeed } from './runtime/audit-feed.js';
import { deliveryOf } from './main-delivery.js';
import { storeStartError } from './runtime/startup-errors.js';
import { Argon2Hasher } from './store/hasher.js';
import { directoryFromConfig } from './directory/index.js';
import { createPushWaiter, type PushWaiterHandle } from './runtime/push-waiter.js';
import type { GuardHook } from './runtime/guard.js';
import type { AuditRetention } from './runtime/audit-retention.js';
import type { Metrics } from './runtime/metrics.js';
import { loadMetrics } from './runtime/metrics-load.js';
import { createRateLimiter, type InProcessRateLimiter } from './runtime/rate-limiter.js';
import { createActiveLimit, type ActiveLimit } from './runtime/active-limit.js';

import { PROJECT_ROOT } from './runtime/project-root.js';
export { PROJECT_ROOT };

/** The component type the device simulator presents (a client of the demo seed). */
export const DEVICE_COMPONENT_TYPE = 'SOAP Auth Client';

export interface App {
  readonly config: Config;
  readonly store: Store;
  readonly engine: AuthEngine;
  /** The REST MFA API's engine operations (other-frontends.md §3), on the same ports as `engine`. */
  readonly mfa: MfaEngine;
  readonly catalogue: StatusCatalogue;
  readonly clock: Clock;
  readonly log: Logger;
  readonly demoLoaded: boolean;
  readonly notes: string[];
  /** Held push calls of this process (flows.md §6). */
  readonly push: PushWaiterHandle;
  /** What the administration use cases (admin SOAP, command line) run on. */
  readonly admin: AdminServices;
  /** This app's metrics registry (docs/operations/monitoring.md) and the per-request log and counts. */
  readonly metrics: Metrics;
  readonly observer: RequestObserver;
  /** Set when a stop signal began the drain: /ready answers 503 from then on. */
  readonly lifecycle: { draining: boolean };
  /** This process's rate limits (docs/operations/rate-limits.md); `limiter.subscribe` counts refusals. */
  readonly limiter: InProcessRateLimiter;
  /** The outbox file virtual authenticators deliver to (docs/virtual-otp.md), or null. */
  readonly outbox: string | null;
  /** Every audit record this process stores, as it is stored (the console's live audit). */
  readonly feed: AuditFeed;
  /** COUNTERSIGN_CLOCK in words (`real time`, `frozen at ...`). */
  readonly clockMode: string;
  /** SOAP and RADIUS requests worked on at once (COUNTERSIGN_MAX_ACTIVE). */
  readonly active: ActiveLimit;
  close(): Promise<void>;
}

export interface AppOptions { clock?: Clock; random?: Randomness; log?: Logger; limiter?: InProcessRateLimiter }

/**
 * Loads the demo seed into an empty store; false when another node sharing the database loaded it at
 * the same moment (this load then fails on the first user the other node created, leaving it whole).
 */
async function loadDemo(store: Store, config: Config, hasher: Argon2Hasher): Promise<boolean> {
  try {
    await loadSeed(store, readSeedFile(resolve(PROJECT_ROOT, config.demoSeedFile)), hasher);
    return true;
  } catch (err) {
    const conflict = err instanceof SeedError && err.message.includes('already exists');
    if (!conflict || (await store.isEmpty())) throw err;
    return false;
  }
}

/**
 * Opens COUNTERSIGN_DATABASE with the master key: the key file's, or a new one saved (0600) only when
 * the store holds nothing sealed yet. Failures become one message naming the setting (startup-errors.ts).
 */
async function openConfiguredStore(config: Config, clock: Clock, log: Logger, notes: string[], onStoreError: () => void, feed: AuditFeed): Promise<{ store: Store; masterKey: Buffer }> {
  try {
    const key = await prepareMasterKey(config.masterKeyFile, dataFolderOf(config.database));
    let saved = false;
    const saveNewMasterKey = key.save && (async () => { await key.save!(); saved = true; });
    const store = await openStore(config.database, { masterKey: key.key, saveNewMasterKey, connectTimeoutMs: config.dbConnectTimeoutMs,
      poolSize: config.dbPoolSize, preparedStatements: config.dbPreparedStatements, secretCacheEntries: config.secretCacheEntries, clock,
      backgroundCheckpoints: true, onStoreWarning: (message) => log.warn(message), onStoreError, onAudit: (entry) => feed.publish(entry) });
    if (saved) notes.push(`WARNING: generated a new master key in ${config.masterKeyFile}; back it up: without it no authenticator secret can be read`);
    if (key.looseMode) notes.push(`WARNING: the master key file ${config.masterKeyFile} can be read by group or others; make it owner-only (chmod 600)`);
    return { store, masterKey: key.key };
  } catch (err) {
    throw storeStartError(err, config.database, config.masterKeyFile);
  }
}
/** Per process, on the monotonic clock (never COUNTERSIGN_CLOCK, which QA may freeze). */
export const rateLimiterFromConfig = (config: Config): InProcessRateLimiter => createRateLimiter({
  source: { burst: config.rateLimitSourceBurst, refillMs: config.rateLimitSourceRefillMs },
  user: { burst: config.rateLimitUserBurst, refillMs: config.rateLimitUserRefillMs },
  maxEntries: config.rateLimitEntries,
  sourceExempt: config.rateLimitSourceExempt,
});

export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const log = opts.log ?? createLogger(config.logLevel);
  const metrics = await loadMetrics(config.metrics);
  const notes: string[] = [];
  const clockSetting = parseClock(config.clock);
  const clock = opts.clock ?? clockSetting.clock;
  if (!opts.clock && !clockSetting.real) notes.push(`WARNING: the clock is not real time (${clockSetting.description}); for QA replays only`);
  const feed = createAuditFeed();
  const { store, masterKey } = await openConfiguredStore(config, clock, log, notes, () => metrics.storeError(), feed);
  const hasher = new Argon2Hasher({ memoryCost: config.argon2MemoryKiB, timeCost: config.argon2TimeCost, parallelism: config.argon2Parallelism });
  const demoLoaded = config.demo && (await store.isEmpty()) && (await loadDemo(store, config, hasher));
  if (!demoLoaded) notes.push(...(await setupNotes(store)));
  const random = opts.random ?? systemRandom;
  const directory = directoryFromConfig(config, log);
  const push = createPushWaiter({ pending: store, clock, onError: (err) => log.error({ error: { message: (err as Error)?.message } }, 'push poll failed') });
  const limiter = opts.limiter ?? rateLimiterFromConfig(config);
  limiter.subscribe((e) => metrics.rateLimited(e.door, e.scope));
  const { delivery, outbox } = await deliveryOf(config, store, masterKey, demoLoaded, metrics, clock, notes).catch(async (e: unknown) => { await store.close(); throw e; });
  const ports: Ports = { clock, random, users: store, authenticators: store, clients: store, pending: store, audit: store, hasher, directory, push, turns: createUserGate(),
    failureTags: failureTaggerFor(masterKey), limiter, delivery,
    events: { locked: (u) => { metrics.lockout(); log.info({ user: u.userId, domain: u.domain }, 'account locked'); } } };
  const engine = createEngine(ports);
  const mfa = createMfaEngine(ports, store, { selfEnrolment: config.restSelfEnrolment });
  const catalogue = applyStatusOverrides(config.statusOverrides);
  const close = async () => { push.close(); feed.close(); await directory?.close(); await store.close(); };
  const admin: AdminServices = { store, clock, random, hasher, limiter };
  metrics.setPendingPush(() => store.countPendingPush(clock.now(), PENDING_PUSH_CAP));
  const observer = createRequestObserver(log, metrics);
  const clockMode = opts.clock ? 'injected' : clockSetting.description;
  const active = createActiveLimit(config.maxActive);
  return { config, store, engine, mfa, catalogue, clock, log, demoLoaded, notes, push, admin, metrics, observer, limiter, outbox, feed, clockMode, active, lifecycle: { draining: false }, close };
}

/**
 * What a store without client components needs next (issue 17): nothing can authenticate until a policy
 * and a client exist; the note names the commands (docs/operations/production.md, "From demo to production").
 */
async function setupNotes(store: Store): Promise<string[]> {
  if ((await store.listClients()).length > 0) return [];
  return ['NOTE: this store has no client components yet, so every request is refused (STAT_NOT_FOUND). Next: '
    + '`countersign policy create <name>`, `countersign client create "SOAP Auth Client" --policy <name>` '
    + '(RADIUS: `countersign client create "RADIUS Client" --policy <name> --address <ip|cidr> --secret-stdin`), '
    + '`countersign user create <admin> --admin --password-stdin`; see docs/operations/production.md'];
}


/** The pending-push gauge counts at most this many rows per scrape (its cost stays bounded). */
const PENDING_PUSH_CAP = 100_000;

export interface Running {
  readonly app: App; readonly server: Server; readonly url: string;
  /** Where /metrics answers (the HTTP port, or its own listener); undefined when COUNTERSIGN_METRICS is off. */
  readonly metricsUrl?: string;
  /** This process's audit retention (docs/operations/audit-retention.md): `runOnce` purges now. */
  readonly retention: AuditRetention;
  close(): Promise<void>;
}

/** Hooks for callers (tests): every event a server's top-level guard handled (runtime/guard.ts). */
export interface ServerHooks { readonly onGuard?: GuardHook }

/**
 * SOAP, REST, the device simulator and the operations endpoints on HTTP(S) (main-http.ts), loaded here
 * and not before: the administration commands open an app without any door.
 */
export async function startServer(app: App, hooks: ServerHooks = {}): Promise<Running> {
  const { startHttp } = await import('./main-http.js');
  return startHttp(app, hooks);
}

/** The RADIUS door (main-radius.ts), loaded only when it starts. */
export async function startRadius(app: App, hooks: ServerHooks = {}): Promise<RadiusRunning> {
  const radius = await import('./main-radius.js');
  return radius.startRadius(app, hooks);
}

/** The component type REST requests present (the demo seed's SOAP client record; the audit's door says 'rest'). */
export const REST_COMPONENT_TYPE = DEVICE_COMPONENT_TYPE;

import { describeDatabase } from './runtime/startup-errors.js';
export { describeDatabase };

