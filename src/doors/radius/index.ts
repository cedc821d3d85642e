// The RADIUS door's entry (spec: other-frontends.md §1): builds the client table (config first, then
// the demo seed's `radiusClients` when demo data is in the store), the handler, and the UDP listener.
import type { StatusCatalogue } from '../../domain/status.js';
import type { AuthEngine } from '../../engine/engine.js';
import type { Clock, PendingStore, Randomness } from '../../engine/ports.js';
import { ClientTable } from './clients.js';
import { LiveClients, type StoredRadiusClient } from './live-clients.js';
import { createRadiusHandler, type RadiusHandler, type RadiusLog } from './handler.js';
import type { RadiusMetrics } from './metrics.js';
import type { RequestObserver } from '../../runtime/request-log.js';
import { listenRadius } from './server.js';
import type { GuardHook } from '../../runtime/guard.js';
import type { ActiveLimit } from '../../runtime/active-limit.js';

export { ClientTable, ClientTableError } from './clients.js';
export { createRadiusHandler } from './handler.js';
export type { RadiusMetrics } from './metrics.js';
export { LiveClients, type StoredRadiusClient } from './live-clients.js';

export interface RadiusDoorConfig {
  readonly host: string;
  readonly port: number;
  /** Entries from config (COUNTERSIGN_RADIUS_CLIENTS). */
  readonly clients: readonly unknown[];
  /** Entries from the demo seed, used only while demo data is in the store. */
  readonly demoClients: readonly unknown[];
  /** The store's RADIUS client records (`countersign client create --address`), read at start and every `refreshMs`. */
  readonly storeClients?: () => Promise<readonly StoredRadiusClient[]>;
  readonly refreshMs?: number;
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
  /** Counts what the UDP socket's top-level guard caught (runtime/guard.ts). */
  readonly onGuard?: GuardHook;
  readonly observer?: RequestObserver;
  /** Requests worked on at once, shared with the other doors (runtime/active-limit.ts). */
  readonly active?: ActiveLimit;
}

export interface RadiusRunning {
  readonly host: string;
  readonly port: number;
  readonly clients: number;
  readonly handler: RadiusHandler;
  metrics(): RadiusMetrics;
  close(): Promise<void>;
}

/** Config entries win over store entries, and both over demo entries, for the same address (first in the table wins). */
export function clientTable(cfg: Pick<RadiusDoorConfig, 'clients' | 'demoClients' | 'requireMessageAuthenticator'>, stored: readonly unknown[] = []): ClientTable {
  const withDefault = (list: readonly unknown[]) => list.map((e) =>
    (typeof e === 'object' && e !== null && !('requireMessageAuthenticator' in e) ? { ...e, requireMessageAuthenticator: cfg.requireMessageAuthenticator } : e));
  const configured = withDefault(cfg.clients);
  const known = new Set(configured.map((e) => (e as { address?: unknown }).address));
  const fromStore = withDefault(stored).filter((e) => !known.has((e as { address?: unknown }).address));
  for (const e of fromStore) known.add((e as { address?: unknown }).address);
  const demo = withDefault(cfg.demoClients).filter((e) => !known.has((e as { address?: unknown }).address));
  return new ClientTable([...configured, ...fromStore, ...demo], 'COUNTERSIGN_RADIUS_CLIENTS (then store RADIUS clients, then demo radiusClients)');
}

export async function startRadiusDoor(deps: RadiusDoorDeps, cfg: RadiusDoorConfig): Promise<RadiusRunning> {
  const clients = await LiveClients.start(cfg.storeClients ?? (async () => []), (stored) => clientTable(cfg, stored),
    (message) => deps.log.warn({}, message), cfg.storeClients ? cfg.refreshMs : 0);
  const handler = createRadiusHandler({ ...deps, clients, replyCacheMs: cfg.replyCacheMs });
  const listener = await listenRadius(handler, cfg.host, cfg.port, deps.log, deps.onGuard);
  return {
    host: listener.host, port: listener.port, clients: clients.size, handler,
    metrics: () => structuredClone(handler.metrics),
    close: async () => { clients.stop(); await listener.close(); handler.cache.clear(); },
  };
}
