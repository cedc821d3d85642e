// `countersign serve`: starts the server and says where it listens (the address actually bound),
// which store, and whether demo data is present; any failure at start ends it with one message and
// nothing left listening (issue 17); SIGINT/SIGTERM drain it (src/runtime/shutdown.ts). With
// COUNTERSIGN_WORKERS > 1 the primary prepares the store once and forks workers sharing the port
// (src/runtime/workers.ts); RADIUS runs in worker 0.
import type { Config } from '../../config/schema.js';
import { loadConfig } from '../../config/load.js';
import { createApp, describeDatabase, startRadius, startServer, type App, type Running } from '../../main.js';
import { checkRadiusClients } from '../../main-radius.js';
import {
  DEFAULT_RESTART, pickPort, reportReady, runPrimary, WORKER_HTTP_PORT_ENV, workerCount, workerHttpPort, workerIndex,
} from '../../runtime/workers.js';
import { boundUrl, exposureWarnings, wildcardNote } from '../../runtime/banner.js';
import { describeRetention } from '../../runtime/audit-retention.js';
import { listenStartError } from '../../runtime/startup-errors.js';
import { drain, onStopSignals, RequestTracker } from '../../runtime/shutdown.js';
import { loadTls } from '../../runtime/tls.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

type Radius = Awaited<ReturnType<typeof startRadius>>;
interface Started { readonly app: App; readonly running: Running; readonly radius?: Radius; readonly tracker: RequestTracker }

export async function serveCommand(opts: { port?: string }): Promise<void> {
  const port = workerHttpPort() ?? opts.port;
  const config = loadConfig(process.env, port !== undefined ? { httpPort: port } : {});
  const count = workerCount(config.workers);
  const index = workerIndex();
  if (count > 1 && index === undefined) return servePrimary(config, count);
  const started = await startAll(config, (index ?? 0) === 0);
  // Before the banner: whoever waits for it (an operator, a supervisor, a test) may stop us at once.
  onStopSignals({ stop: (signal, force) => stopAll(config, started, signal, force) });
  const lines = await banner(config, started);
  if (index === undefined) lines.forEach(say);
  else reportReady(index, lines);
}

/** RADIUS first (its client table is checked there), then HTTP; a failure closes what was started. */
async function startAll(config: Config, withRadius: boolean): Promise<Started> {
  const app = await createApp(config);
  let radius: Radius | undefined;
  try {
    if (config.radiusEnabled && withRadius) {
      radius = await startRadius(app).catch((e: unknown) => { throw listenStartError(e, {
        door: 'RADIUS (udp)', hostSetting: 'COUNTERSIGN_RADIUS_HOST', portSetting: 'COUNTERSIGN_RADIUS_PORT',
        host: config.radiusHost, port: config.radiusPort, offSwitch: 'COUNTERSIGN_RADIUS_ENABLED=0' }); });
    }
    const running = await startServer(app).catch((e: unknown) => { throw listenStartError(e, {
      door: 'HTTP', hostSetting: 'COUNTERSIGN_HTTP_HOST', portSetting: 'COUNTERSIGN_HTTP_PORT', host: config.httpHost, port: config.httpPort }); });
    return { app, running, radius, tracker: new RequestTracker(running.server) };
  } catch (err) {
    await Promise.allSettled([radius?.close(), app.close()]);
    throw err;
  }
}

async function banner(config: Config, s: Started): Promise<string[]> {
  const demoPresent = s.app.demoLoaded || (await s.app.store.findBySerial('VDS0000001')) !== null;
  const address = s.running.server.address();
  const url = boundUrl(address, Boolean(config.tlsKeyFile));
  const where = typeof address === 'object' && address ? wildcardNote(address.address) : '';
  const lines = [...s.app.notes, ...exposureWarnings({ httpHost: config.httpHost, tls: Boolean(config.tlsKeyFile), demoPresent }),
    `Countersign listening on ${url}${where} (SOAP: POST any path; WSDL: ${url}?wsdl)`];
  const { radius } = s;
  if (radius) lines.push(`RADIUS listening on udp://${radius.host}:${radius.port}${wildcardNote(radius.host)} (PAP; ${radius.clients} client entr${radius.clients === 1 ? 'y' : 'ies'})`);
  if (config.console) lines.push(`Console: ${url}console (an administrator of the store logs on${demoPresent ? '; demo: admin / Admin-Passw0rd' : ''})`);
  lines.push(`Database: ${describeDatabase(config.database)}`, demoLine(s.app, demoPresent),
    describeRetention({ days: config.auditRetentionDays, adminDays: config.auditAdminRetentionDays }));
  return lines;
}

/** Drains, closes the store, logs one line and exits: 0, or 1 when closing the store failed. */
async function stopAll(config: Config, s: Started, signal: NodeJS.Signals, force: Promise<void>): Promise<void> {
  s.app.lifecycle.draining = true;
  s.app.feed.close(); // live audit streams end now (the page reconnects to another node), so they never hold the drain
  const { cut, ms } = await drain({ server: s.running.server, tracker: s.tracker, push: s.app.push, radius: s.radius }, config.shutdownTimeoutMs, force);
  try {
    await s.running.close();
  } catch (err) {
    s.app.log.error({ signal, error: { message: (err as Error).message } }, 'Countersign stopped; closing the store failed');
    process.exit(1);
  }
  const line = cut === 0 ? `Countersign stopped on ${signal}: every request in flight was answered (${ms} ms)`
    : `Countersign stopped on ${signal}: ${cut} request(s) still running after COUNTERSIGN_SHUTDOWN_TIMEOUT_MS were cut`;
  s.app.log[cut === 0 ? 'info' : 'warn']({ signal, drainMs: ms, cut }, line);
  process.exit(0);
}

function demoLine(app: App, present: boolean): string {
  const demo = app.demoLoaded ? 'loaded now' : present ? 'present' : 'absent';
  return `Demo data: ${demo}${demo === 'absent' ? '' : ' (published test keys: never use this store in production)'}`;
}

/** Settings, migrations, master key and demo seed once, before any worker opens the store. */
async function servePrimary(config: Config, count: number): Promise<void> {
  loadTls(config);
  checkRadiusClients(config);
  const app = await createApp(config);
  for (const note of app.notes) say(note);
  if (app.demoLoaded) say('Demo data: loaded now');
  await app.close();
  const port = config.httpPort === 0 ? await pickPort(config.httpHost) : config.httpPort;
  runPrimary(count, say, {
    stopTimeoutMs: config.workersStopTimeoutMs, env: { [WORKER_HTTP_PORT_ENV]: String(port) },
    restart: { ...DEFAULT_RESTART, firstDelayMs: config.workersRestartDelayMs, maxDelayMs: Math.max(config.workersRestartDelayMs, config.workersRestartMaxDelayMs) },
  });
}
