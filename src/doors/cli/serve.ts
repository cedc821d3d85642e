// `countersign serve`: starts the server and says where it listens, which store, and whether demo
// data is present; stops cleanly on SIGINT/SIGTERM.
import { loadConfig } from '../../config/load.js';
import { createApp, describeDatabase, startRadius, startServer } from '../../main.js';

export async function serveCommand(opts: { port?: string }): Promise<void> {
  const config = loadConfig(process.env, opts.port !== undefined ? { httpPort: opts.port } : {});
  const app = await createApp(config);
  const running = await startServer(app);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  for (const note of app.notes) say(note);
  say(`Countersign listening on ${running.url} (SOAP: POST any path; WSDL: ${running.url}?wsdl)`);
  const radius = config.radiusEnabled ? await startRadius(app).catch((e: NodeJS.ErrnoException) => {
    if (!e.code) throw e;
    say(`WARNING: RADIUS not started on udp ${config.radiusHost}:${config.radiusPort} (${e.message}); set COUNTERSIGN_RADIUS_PORT, or COUNTERSIGN_RADIUS_ENABLED=0`);
    return undefined;
  }) : undefined;
  if (radius) say(`RADIUS listening on udp://${radius.host}:${radius.port} (PAP; ${radius.clients} client entr${radius.clients === 1 ? 'y' : 'ies'})`);
  say(`Database: ${describeDatabase(config.database)}`);
  const demo = app.demoLoaded ? 'loaded now' : await app.store.findBySerial('VDS0000001') ? 'present' : 'absent';
  say(`Demo data: ${demo}${demo === 'absent' ? '' : ' (published test keys: never use this store in production)'}`);
  const stop = () => { void (radius?.close() ?? Promise.resolve()).then(() => running.close()).then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
