// The RADIUS door's entry (spec: other-frontends.md §1): builds the client table (config first, then
// the demo seed's `radiusClients` when demo data is in the store), the handler, and the UDP listener.
import type { StatusCatalogue } from '../../domain/status.js';
import type { AuthEngine } from '../../engine/engine.js';
import type { Clock, PendingStore, Randomness } from '../../engine/ports.js';
import { ClientTable } from './clients.js';
import { createRadiusHandler, type RadiusHandler, type RadiusLog } from './handler.js';
import type { RadiusMetrics } from './metrics.js';
import type { RequestObserver } from '../../runtime/request-log.js';
import { listenRadius } from './server.js';

export { ClientTable, ClientTableError } from './clients.js';
export { createRadiusHandler } from './handler.js';
export type { RadiusMetrics } from './metrics.js';

export interface RadiusDoorConfig {
  readonly host: string;
  readonly port: number;
  /** Entries from config (COUNTERSIGN_RADIUS_CLIENTS). */
  readonly clients: readonly unknown[];
  /** Entries from the demo seed, used only while demo data is in the store. */
  readonly demoClients: readonly unknown[];
  readonly requireMessageAuthenticator: boolean;
  readonly replyCacheMs: number;
}

export interface RadiusDoorDeps {
  readonly engine: AuthEngine;
  readonly catalogue: StatusCatalogue;
  readonly pending: PendingStore;
  readonly clock: Clock;
  readonly random: Randomness;
  readonly log: RadiusLog;
  readonly observer?: RequestObserver;
}

export interface RadiusRunning {
  readonly host: string;
  readonly port: number;
  readonly clients: number;
  readonly handler: RadiusHandler;
  metrics(): RadiusMetrics;
  close(): Promise<void>;
}

/** Config entries win over demo entries for the same address (they come first in the table). */
export function clientTable(cfg: Pick<RadiusDoorConfig, 'clients' | 'demoClients' | 'requireMessageAuthenticator'>): ClientTable {
  const withDefault = (list: readonly unknown[]) => list.map((e) =>
    (typeof e === 'object' && e !== null && !('requireMessageAuthenticator' in e) ? { ...e, requireMessageAuthenticator: cfg.requireMessageAuthenticator } : e));
  const configured = withDefault(cfg.clients);
  const known = new Set(configured.map((e) => (e as { address?: unknown }).address));
  const demo = withDefault(cfg.demoClients).filter((e) => !known.has((e as { address?: unknown }).address));
  return new ClientTable([...configured, ...demo], 'COUNTERSIGN_RADIUS_CLIENTS (then demo radiusClients)');
}

export async function startRadiusDoor(deps: RadiusDoorDeps, cfg: RadiusDoorConfig): Promise<RadiusRunning> {
  const clients = clientTable(cfg);
  const handler = createRadiusHandler({ ...deps, clients, replyCacheMs: cfg.replyCacheMs });
  const listener = await listenRadius(handler, cfg.host, cfg.port, deps.log);
  return {
    host: listener.host, port: listener.port, clients: clients.size, handler,
    metrics: () => structuredClone(handler.metrics),
    close: async () => { await listener.close(); handler.cache.clear(); },
  };
}
