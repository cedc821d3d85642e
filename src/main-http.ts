// Composition root, HTTP part: SOAP, REST, the push device simulator, the web console, the OTP request
// page and the operations endpoints on one HTTP(S) listener. Loaded by main.ts `startServer` only when a server starts, so that commands that
// only open the store (the administration command line) never load a door.
import type { RequestListener } from 'node:http';
import { resolve } from 'node:path';
import { loadApiKeys } from './admin/import-seed.js';
import { createRestHandler, storeApiKeys } from './doors/rest/index.js';
import { consoleOpenApiParts } from './doors/console/index.js';
import { createOtpRequestPage } from './doors/otp-request/page.js';
import { createSoapHandler } from './doors/soap/server.js';
import { deviceSimulatorOf, withConsole, withDeviceSimulator } from './main-console.js';
import { DEVICE_COMPONENT_TYPE, REST_COMPONENT_TYPE, describeDatabase, type App, type Running, type ServerHooks } from './main.js';
import { startMetricsListener, withOps } from './main-ops.js';
import type { GuardHook } from './runtime/guard.js';
import { createHttpServer, httpLimits, listen } from './runtime/http-server.js';
import { PRODUCT } from './runtime/product.js';
import { PROJECT_ROOT } from './runtime/project-root.js';
import { startPendingPurge } from './runtime/purge.js';
import { notAhead, startAuditRetention, type AuditRetention } from './runtime/audit-retention.js';
import { workerIndex } from './runtime/workers.js';
import { observeHttp } from './runtime/request-log.js';
import { systemRandom } from './runtime/clock.js';
import { loadTls } from './runtime/tls.js';
import { Argon2Hasher } from './store/hasher.js';
import { readSeedFile, seedApiKeys } from './store/seed.js';

/** The HTTP listener's guard events counted in countersign_http_rejected_total{reason}, then the caller's hook. */
const guardHook = (app: App, hooks: ServerHooks): GuardHook => (door, kind) => {
  app.metrics.httpRejected(kind);
  hooks.onGuard?.(door, kind);
};

/** Builds the HTTP handler chain on the app and listens (main.ts `startServer`). */
export async function startHttp(app: App, hooks: ServerHooks): Promise<Running> {
  const { config } = app;
  const soap = createSoapHandler({
    engine: app.engine, catalogue: app.catalogue, maxBodyBytes: config.maxBodyBytes, active: app.active,
    wsdlDir: resolve(PROJECT_ROOT, 'wsdl'), log: app.log, admin: app.admin, refused: (reason) => app.metrics.soapRefused(reason),
  });
  await loadDemoApiKeys(app);
  const metricsOnHttpPort = config.metrics && config.metricsPort === null;
  const device = deviceSimulatorOf(app);
  const withSite = await withConsole(app, withDeviceSimulator(app, soap, device), device, DEVICE_COMPONENT_TYPE);
  const handler = observeHttp(app.observer, withOps(app, metricsOnHttpPort, withOtpRequestPage(app, withRest(app, withSite))));
  const tls = loadTls(config);
  const { server } = createHttpServer(handler, { limits: httpLimits(config), log: app.log, onGuard: guardHook(app, hooks), tls });
  const port = await listen(server, config.httpPort, config.httpHost);
  const host = config.httpHost === '0.0.0.0' ? '127.0.0.1' : config.httpHost;
  const url = `${tls ? 'https' : 'http'}://${host}:${port}/`;
  const ops = await startMetricsListener(app).catch((e: unknown) => { server.close(); throw e; });
  const purge = startPendingPurge(app.store, app.clock, app.log);
  const retention = startRetention(app);
  const metricsUrl = ops.url ?? (metricsOnHttpPort ? `${url}metrics` : undefined);
  app.log.info({ url, metrics: metricsUrl ?? 'off', database: describeDatabase(config.database), version: PRODUCT.version }, 'server started');
  const close = async () => {
    await Promise.all([purge.stop(), retention.stop()]);
    const closed = new Promise((ok) => server.close(ok));
    server.closeAllConnections();
    await closed;
    await ops.close();
    await app.close();
    app.log.info({ url }, 'server stopped');
  };
  return { app, server, url, metricsUrl, retention, close };
}

/**
 * Audit retention in the background (docs/operations/audit-retention.md); with COUNTERSIGN_WORKERS, in worker 0
 * only (as RADIUS), since the workers share one store. Records are compared with the earlier of the app's clock
 * and real time, so a QA clock set ahead (COUNTERSIGN_CLOCK) never deletes records that are not yet due.
 */
function startRetention(app: App): AuditRetention {
  const days = (workerIndex() ?? 0) === 0 ? app.config.auditRetentionDays : 0;
  return startAuditRetention(app.store, { days, adminDays: app.config.auditAdminRetentionDays },
    { now: notAhead(app.clock), log: app.log, metrics: app.metrics });
}

/** The OTP request page (COUNTERSIGN_OTP_REQUEST_PAGE) in front of the other routes; it answers its own path only. */
function withOtpRequestPage(app: App, inner: RequestListener): RequestListener {
  const { config } = app;
  if (!config.otpRequestPage || !app.engine.requestOtp) return inner;
  const page = createOtpRequestPage({ request: (r) => app.engine.requestOtp!(r), componentType: config.otpRequestComponent, tls: Boolean(config.tlsKeyFile && config.tlsCertFile) });
  return (req, res) => { if (!page(req, res)) inner(req, res); };
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
    openapiParts: config.console ? consoleOpenApiParts() : undefined,
  });
  return (req, res) => { if (!rest(req, res)) inner(req, res); };
}


/**
 * REST API keys live in the store (`countersign apikey`); the demo seed's `apiKeys` are loaded with the
 * demo data, and added here (idempotently) to a store whose demo data predates the api_keys table.
 */
async function loadDemoApiKeys(app: App): Promise<void> {
  const demoPresent = app.config.demo && !app.demoLoaded && (await app.store.findBySerial('VDS0000001')) !== null;
  if (demoPresent) await loadApiKeys(app.store, seedApiKeys(readSeedFile(resolve(PROJECT_ROOT, app.config.demoSeedFile))), app.clock.now());
}
