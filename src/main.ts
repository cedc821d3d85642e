// Composition root: config → store (migrated, demo-seeded when empty) → engine → SOAP door on HTTP(S),
// and the RADIUS door on UDP (startRadius).
// No container: everything is wired by hand here, and only here do doors meet the engine.
import { createServer as createHttp, type RequestListener, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { AdminServices } from './admin/services.js';
import type { Config } from './config/schema.js';
import { applyStatusOverrides, type StatusCatalogue } from './domain/status.js';
import { createEngine } from './engine/authenticate.js';
import type { AuthEngine } from './engine/engine.js';
import { createMfaEngine, type MfaEngine } from './engine/mfa.js';
import { createUserGate } from './engine/user-gate.js';
import type { Clock, Ports, Randomness } from './engine/ports.js';
import { parseClock, systemRandom } from './runtime/clock.js';
import { createLogger, type Logger } from './runtime/logger.js';
import { openStore, type Store } from './store/store.js';
import { loadOrCreateMasterKey } from './store/masterkey.js';
import { Argon2Hasher } from './store/hasher.js';
import { SeedError, readSeedFile, seedApiKeys } from './store/seed.js';
import { loadApiKeys, loadSeed } from './admin/import-seed.js';
import { createSoapHandler, type SoapHandler } from './doors/soap/server.js';
import { createDeviceSimulator } from './device/simulator.js';
import { handleDeviceRoute } from './device/http.js';
import { startPendingPurge } from './runtime/purge.js';
import { startRadiusDoor, type RadiusRunning } from './doors/radius/index.js';
import { directoryFromConfig } from './directory/index.js';
import { createPushWaiter, type PushWaiterHandle } from './runtime/push-waiter.js';
import { createRestHandler, storeApiKeys } from './doors/rest/index.js';
import { createRateLimiter, type InProcessRateLimiter } from './runtime/rate-limiter.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

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
  /** This process's rate limits (docs/operations/rate-limits.md); `limiter.subscribe` counts refusals. */
  readonly limiter: InProcessRateLimiter;
  close(): Promise<void>;
}

export interface AppOptions { clock?: Clock; random?: Randomness; log?: Logger; limiter?: InProcessRateLimiter }

function sqlitePath(url: string): string | undefined {
  const m = /^sqlite:(.+)$/.exec(url);
  return m && m[1] !== ':memory:' ? m[1] : undefined;
}

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

/** Per process, on the monotonic clock (never COUNTERSIGN_CLOCK, which QA may freeze). */
export const rateLimiterFromConfig = (config: Config): InProcessRateLimiter => createRateLimiter({
  source: { burst: config.rateLimitSourceBurst, refillMs: config.rateLimitSourceRefillMs },
  user: { burst: config.rateLimitUserBurst, refillMs: config.rateLimitUserRefillMs },
  maxEntries: config.rateLimitEntries,
  sourceExempt: config.rateLimitSourceExempt,
});

export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const log = opts.log ?? createLogger(config.logLevel);
  const notes: string[] = [];
  const clockSetting = parseClock(config.clock);
  const clock = opts.clock ?? clockSetting.clock;
  if (!opts.clock && !clockSetting.real) notes.push(`WARNING: the clock is not real time (${clockSetting.description}); for QA replays only`);
  const dbFile = sqlitePath(config.database);
  if (dbFile) mkdirSync(dirname(resolve(dbFile)), { recursive: true });
  const key = await loadOrCreateMasterKey(config.masterKeyFile);
  if (key.created) notes.push(`WARNING: generated a new master key in ${config.masterKeyFile}; back it up: without it no authenticator secret can be read`);
  const store = await openStore(config.database, { masterKey: key.key, poolSize: config.dbPoolSize,
    preparedStatements: config.dbPreparedStatements, secretCacheEntries: config.secretCacheEntries, clock,
    backgroundCheckpoints: true, onStoreWarning: (message) => log.warn(message) });
  const hasher = new Argon2Hasher({ memoryCost: config.argon2MemoryKiB, timeCost: config.argon2TimeCost, parallelism: config.argon2Parallelism });
  const demoLoaded = config.demo && (await store.isEmpty()) && (await loadDemo(store, config, hasher));
  const random = opts.random ?? systemRandom;
  const directory = directoryFromConfig(config, log);
  const push = createPushWaiter({ pending: store, clock, onError: (err) => log.error({ error: { message: (err as Error)?.message } }, 'push poll failed') });
  const limiter = opts.limiter ?? rateLimiterFromConfig(config);
  const ports: Ports = { clock, random, users: store, authenticators: store, clients: store, pending: store, audit: store, hasher, directory, push, turns: createUserGate(), limiter };
  const engine = createEngine(ports);
  const mfa = createMfaEngine(ports, store, { selfEnrolment: config.restSelfEnrolment });
  const catalogue = applyStatusOverrides(config.statusOverrides);
  const close = async () => { push.close(); await directory?.close(); await store.close(); };
  const admin: AdminServices = { store, clock, random, hasher, limiter };
  return { config, store, engine, mfa, catalogue, clock, log, demoLoaded, notes, push, admin, limiter, close };
}

export interface Running { readonly app: App; readonly server: Server; readonly url: string; close(): Promise<void> }

export async function startServer(app: App): Promise<Running> {
  const { config } = app;
  const soap = createSoapHandler({
    engine: app.engine, catalogue: app.catalogue, maxBodyBytes: config.maxBodyBytes,
    wsdlDir: resolve(PROJECT_ROOT, 'wsdl'), log: app.log, admin: app.admin,
  });
  await loadDemoApiKeys(app);
  const handler = withRest(app, withDeviceSimulator(app, soap));
  const tls = config.tlsKeyFile && config.tlsCertFile;
  const server = tls
    ? createHttps({ key: readFileSync(config.tlsKeyFile!), cert: readFileSync(config.tlsCertFile!) }, handler)
    : createHttp(handler);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((ok, fail) => { server.once('error', fail); server.listen(config.httpPort, config.httpHost, ok); });
  const port = (server.address() as AddressInfo).port;
  const host = config.httpHost === '0.0.0.0' ? '127.0.0.1' : config.httpHost;
  const url = `${tls ? 'https' : 'http'}://${host}:${port}/`;
  const purge = startPendingPurge(app.store, app.clock, app.log);
  const close = async () => {
    await purge.stop();
    const closed = new Promise((ok) => server.close(ok));
    server.closeAllConnections();
    await closed;
    await app.close();
  };
  return { app, server, url, close };
}

/** The SOAP handler, with the push device simulator's routes in front when configured (flows.md §6). */
function withDeviceSimulator(app: App, soap: SoapHandler): RequestListener {
  if (!app.config.deviceSimulator) return soap;
  const sim = createDeviceSimulator({ engine: app.engine, store: app.store, clock: app.clock, componentType: DEVICE_COMPONENT_TYPE });
  app.notes.push('WARNING: the push device simulator is on (/device/<serial>/...): it approves pushes with device secrets');
  return (req, res) => { if (!handleDeviceRoute(sim, app.catalogue, req, res)) soap(req, res); };
}

/** The REST doors (other-frontends.md §2) in front of everything else: they answer only their own paths. */
function withRest(app: App, inner: RequestListener): RequestListener {
  const { config } = app;
  const rest = createRestHandler({
    engine: app.engine, store: app.store, clock: app.clock, random: systemRandom, catalogue: app.catalogue, log: app.log,
    hasher: new Argon2Hasher({ memoryCost: config.argon2MemoryKiB, timeCost: config.argon2TimeCost, parallelism: config.argon2Parallelism }),
    apiKeys: storeApiKeys(app.store), componentType: REST_COMPONENT_TYPE, domain: 'master', issuer: 'Countersign',
    maxBodyBytes: config.maxBodyBytes, tls: Boolean(config.tlsKeyFile && config.tlsCertFile), publicUrl: '',
    mfa: app.mfa, partialTokenTtlS: config.restPartialTokenTtlS, tokenTtlS: config.restTokenTtlS,
  });
  return (req, res) => { if (!rest(req, res)) inner(req, res); };
}

/** The component type REST requests present (the demo seed's SOAP client record; the audit's door says 'rest'). */
export const REST_COMPONENT_TYPE = DEVICE_COMPONENT_TYPE;

/**
 * REST API keys live in the store (`countersign apikey`); the demo seed's `apiKeys` are loaded with the
 * demo data, and added here (idempotently) to a store whose demo data predates the api_keys table.
 */
async function loadDemoApiKeys(app: App): Promise<void> {
  const demoPresent = app.config.demo && !app.demoLoaded && (await app.store.findBySerial('VDS0000001')) !== null;
  if (demoPresent) await loadApiKeys(app.store, seedApiKeys(readSeedFile(resolve(PROJECT_ROOT, app.config.demoSeedFile))), app.clock.now());
}

export function describeDatabase(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * Starts the RADIUS door (other-frontends.md §1) on the app's engine. Clients: COUNTERSIGN_RADIUS_CLIENTS,
 * then the demo seed's `radiusClients` while demo data is in the store.
 */
export async function startRadius(app: App): Promise<RadiusRunning> {
  const { config } = app;
  const demoPresent = config.demo && (app.demoLoaded || (await app.store.findBySerial('VDS0000001')) !== null);
  const seed = demoPresent ? readSeedFile(resolve(PROJECT_ROOT, config.demoSeedFile)) as { radiusClients?: unknown[] } : {};
  return startRadiusDoor(
    { engine: app.engine, catalogue: app.catalogue, pending: app.store, clock: app.clock, random: systemRandom, log: app.log },
    { host: config.radiusHost, port: config.radiusPort, clients: config.radiusClients, demoClients: seed.radiusClients ?? [],
      requireMessageAuthenticator: config.radiusRequireMessageAuthenticator, replyCacheMs: config.radiusReplyCacheMs },
  );
}
