// Composition root, RADIUS part: the RADIUS door (other-frontends.md §1) on the app's engine, with its
// client table from COUNTERSIGN_RADIUS_CLIENTS, the store and the demo seed. Only src/main*.ts meet doors.
import { resolve } from 'node:path';
import type { Config } from './config/schema.js';
import { ClientTableError, clientTable, startRadiusDoor, type RadiusRunning } from './doors/radius/index.js';
import type { App, ServerHooks } from './main.js';
import { systemRandom } from './runtime/clock.js';
import type { GuardHook } from './runtime/guard.js';
import { PROJECT_ROOT } from './runtime/project-root.js';
import { StartupError } from './runtime/startup-errors.js';
import { readSeedFile } from './store/seed.js';

/**
 * Starts the RADIUS door (other-frontends.md §1) on the app's engine. Clients: COUNTERSIGN_RADIUS_CLIENTS,
 * then the store's RADIUS clients (re-read every few seconds), then the demo seed's `radiusClients` while demo data is in the store.
 */
export async function startRadius(app: App, hooks: ServerHooks = {}): Promise<RadiusRunning> {
  const { config } = app;
  const demoPresent = config.demo && (app.demoLoaded || (await app.store.findBySerial('VDS0000001')) !== null);
  const seed = demoPresent ? readSeedFile(resolve(PROJECT_ROOT, config.demoSeedFile)) as { radiusClients?: unknown[] } : {};
  // A datagram the socket's guard had to drop counts as the door's own internal-error drop.
  let door: RadiusRunning | undefined;
  const onGuard: GuardHook = (d, kind) => {
    if (kind === 'handler-error' && door) door.handler.metrics.dropped['internal-error']++;
    hooks.onGuard?.(d, kind);
  };
  const running = door = await startRadiusDoor(
    { engine: app.engine, catalogue: app.catalogue, pending: app.store, clock: app.clock, random: systemRandom, log: app.log,
      onGuard, observer: app.observer, active: app.active },
    { host: config.radiusHost, port: config.radiusPort, clients: config.radiusClients, demoClients: seed.radiusClients ?? [],
      storeClients: () => app.store.listRadiusClients(),
      requireMessageAuthenticator: config.radiusRequireMessageAuthenticator, replyCacheMs: config.radiusReplyCacheMs },
  ).catch((err: unknown) => { throw radiusClientsError(err); });
  app.metrics.addRadius(() => running.handler.metrics);
  app.log.info({ host: running.host, port: running.port, clients: running.clients }, 'RADIUS door started');
  return { ...running, close: async () => { await running.close(); app.log.info({ host: running.host, port: running.port }, 'RADIUS door stopped'); } };
}

/** Checks COUNTERSIGN_RADIUS_CLIENTS on its own (a cluster primary, before it forks the workers). */
export function checkRadiusClients(config: Config): void {
  if (!config.radiusEnabled) return;
  try {
    clientTable({ clients: config.radiusClients, demoClients: [], requireMessageAuthenticator: config.radiusRequireMessageAuthenticator });
  } catch (err) {
    throw radiusClientsError(err);
  }
}

const radiusClientsError = (err: unknown): unknown => (err instanceof ClientTableError
  ? new StartupError(`${err.message}; fix that entry of COUNTERSIGN_RADIUS_CLIENTS (a JSON array of {"address", "secret", ...}), or turn RADIUS off with COUNTERSIGN_RADIUS_ENABLED=0`, { cause: err })
  : err);
