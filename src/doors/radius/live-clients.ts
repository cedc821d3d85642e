// The RADIUS client table of a running door (issue 17): COUNTERSIGN_RADIUS_CLIENTS entries, then the
// store's RADIUS client records (`countersign client create --address`), then demo entries; the store's
// records are read again every `refreshMs`, so a client added on any node is served here without a restart.
import type { ClientTable, RadiusClient } from './clients.js';

/** What the handler asks: the client of a source address. */
export interface ClientLookup { find(address: string): RadiusClient | undefined }

/** A store record as the door reads it (the door never sees the store itself). */
export interface StoredRadiusClient {
  readonly address: string;
  readonly componentType: string;
  readonly secret: Buffer;
  readonly name: string | null;
  readonly requireMessageAuthenticator: boolean | null;
}

/** The door's default refresh period of store-held RADIUS clients, in ms. */
export const RADIUS_CLIENT_REFRESH_MS = 5000;

export class LiveClients implements ClientLookup {
  private timer?: NodeJS.Timeout;

  /** `build` makes the table from the store's records (it throws ClientTableError on a bad entry). */
  private constructor(private table: ClientTable, private readonly load: () => Promise<readonly StoredRadiusClient[]>,
    private readonly build: (stored: readonly unknown[]) => ClientTable, private readonly warn: (message: string) => void) {}

  /** Loads once (a failure here fails the start), then refreshes every `refreshMs` (0: never). */
  static async start(load: () => Promise<readonly StoredRadiusClient[]>, build: (stored: readonly unknown[]) => ClientTable,
    warn: (message: string) => void, refreshMs = RADIUS_CLIENT_REFRESH_MS): Promise<LiveClients> {
    const live = new LiveClients(build(entries(await load())), load, build, warn);
    if (refreshMs > 0) {
      live.timer = setInterval(() => { void live.refresh(); }, refreshMs);
      live.timer.unref();
    }
    return live;
  }

  get size(): number { return this.table.size; }

  find(address: string): RadiusClient | undefined { return this.table.find(address); }

  /** Re-reads the store; on a failure the previous table stays and a warning is given. */
  async refresh(): Promise<void> {
    try {
      this.table = this.build(entries(await this.load()));
    } catch (e) {
      this.warn(`RADIUS clients not refreshed from the store (the previous table stays): ${(e as Error).message}`);
    }
  }

  stop(): void { clearInterval(this.timer); }
}

/** Store records as client entries; the secret travels as text, as the entry format has it. */
function entries(stored: readonly StoredRadiusClient[]): unknown[] {
  return stored.map((r) => ({
    address: r.address, secret: r.secret.toString('utf8'), componentType: r.componentType, ...(r.name ? { name: r.name } : {}),
    ...(r.requireMessageAuthenticator === null ? {} : { requireMessageAuthenticator: r.requireMessageAuthenticator }),
  }));
}
