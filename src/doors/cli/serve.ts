// `countersign serve`: starts the server and says where it listens, which store, and whether demo
// data is present; stops cleanly on SIGINT/SIGTERM. With COUNTERSIGN_WORKERS > 1 the primary prepares
// the store once and forks workers sharing the port (src/runtime/workers.ts); RADIUS runs in worker 0.
import type { Config } from '../../config/schema.js';
import { loadConfig } from '../../config/load.js';
import { createApp, describeDatabase, startRadius, startServer, type App } from '../../main.js';
import {
  DEFAULT_RESTART, pickPort, reportReady, runPrimary, WORKER_HTTP_PORT_ENV, workerCount, workerHttpPort, workerIndex,
} from '../../runtime/workers.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function serveCommand(opts: { port?: string }): Promise<void> {
  const port = workerHttpPort() ?? opts.port;
  const config = loadConfig(process.env, port !== undefined ? { httpPort: port } : {});
  const count = workerCount(config.workers);
  const index = workerIndex();
  if (count > 1 && index === undefined) return servePrimary(config, count);
  const app = await createApp(config);
  const running = await startServer(app);
  const lines = [...app.notes, `Countersign listening on ${running.url} (SOAP: POST any path; WSDL: ${running.url}?wsdl)`];
  const radius = config.radiusEnabled && (index ?? 0) === 0 ? await startRadius(app).catch((e: NodeJS.ErrnoException) => {
    if (!e.code) throw e;
    lines.push(`WARNING: RADIUS not started on udp ${config.radiusHost}:${config.radiusPort} (${e.message}); set COUNTERSIGN_RADIUS_PORT, or COUNTERSIGN_RADIUS_ENABLED=0`);
    return undefined;
  }) : undefined;
  if (radius) lines.push(`RADIUS listening on udp://${radius.host}:${radius.port} (PAP; ${radius.clients} client entr${radius.clients === 1 ? 'y' : 'ies'})`);
  lines.push(`Database: ${describeDatabase(config.database)}`, await demoLine(app));
  if (index === undefined) lines.forEach(say);
  else reportReady(index, lines);
  const stop = () => { void (radius?.close() ?? Promise.resolve()).then(() => running.close()).then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function demoLine(app: App): Promise<string> {
  const demo = app.demoLoaded ? 'loaded now' : await app.store.findBySerial('VDS0000001') ? 'present' : 'absent';
  return `Demo data: ${demo}${demo === 'absent' ? '' : ' (published test keys: never use this store in production)'}`;
}

/** Migrations, master key and demo seed once, before any worker opens the store. */
async function servePrimary(config: Config, count: number): Promise<void> {
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
