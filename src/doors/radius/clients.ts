// The RADIUS client table (spec: other-frontends.md §1): source address or CIDR → shared secret,
// name, component type (hence policy) and whether Message-Authenticator is required. The most
// specific entry wins; an address in no entry is unknown (its packets are dropped).
import { isIPv4, isIPv6 } from 'node:net';

export interface RadiusClient {
  readonly name: string;
  readonly address: string;
  readonly secret: Buffer;
  readonly componentType: string;
  readonly requireMessageAuthenticator: boolean;
}

export class ClientTableError extends Error {}

/** What a client entry may say, from config (JSON) or from a seed's `radiusClients`. */
export interface ClientEntry {
  readonly address: string;
  readonly secret: string;
  readonly name?: string;
  readonly componentType?: string;
  readonly requireMessageAuthenticator?: boolean;
}

export const DEFAULT_COMPONENT_TYPE = 'RADIUS Client';
const FIELDS = ['address', 'secret', 'name', 'componentType', 'requireMessageAuthenticator'];

interface Network { readonly bits: bigint; readonly prefix: number; readonly v6: boolean; readonly client: RadiusClient }

/** IPv4 as 32 bits, IPv6 as 128 bits; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) counts as IPv4. */
function toBits(address: string): { bits: bigint; v6: boolean } | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return toBits(mapped[1]);
  if (isIPv4(address)) return { bits: address.split('.').reduce((n, o) => (n << 8n) | BigInt(Number(o)), 0n), v6: false };
  if (!isIPv6(address)) return undefined;
  const [head, tail = ''] = address.includes('::') ? address.split('::') : [address, undefined];
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const left = part(head), right = part(tail);
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8 || groups.some((g) => g.includes('.'))) return undefined;
  return { bits: groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n), v6: true };
}

function network(client: RadiusClient, where: string): Network {
  const [addr, prefixText] = client.address.split('/');
  const parsed = toBits(addr);
  if (!parsed) throw new ClientTableError(`${where}: address "${client.address}" is not an IP address or CIDR`);
  const width = parsed.v6 ? 128 : 32;
  const prefix = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= width)) throw new ClientTableError(`${where}: prefix length in "${client.address}" must be 0..${width}`);
  const shift = BigInt(width - prefix);
  return { bits: (parsed.bits >> shift) << shift, prefix, v6: parsed.v6, client };
}

export function checkEntry(raw: unknown, where: string): RadiusClient {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ClientTableError(`${where}: must be an object`);
  const e = raw as Record<string, unknown>;
  const unknown = Object.keys(e).find((k) => !FIELDS.includes(k));
  if (unknown) throw new ClientTableError(`${where}: unknown field "${unknown}" (allowed: ${FIELDS.join(', ')})`);
  if (typeof e.address !== 'string' || e.address === '') throw new ClientTableError(`${where}: address is required`);
  if (typeof e.secret !== 'string' || e.secret === '') throw new ClientTableError(`${where}: secret is required`);
  for (const k of ['name', 'componentType']) {
    if (e[k] !== undefined && (typeof e[k] !== 'string' || e[k] === '')) throw new ClientTableError(`${where}: ${k} must be a non-empty string`);
  }
  if (e.requireMessageAuthenticator !== undefined && typeof e.requireMessageAuthenticator !== 'boolean') {
    throw new ClientTableError(`${where}: requireMessageAuthenticator must be true or false`);
  }
  return Object.freeze({
    address: e.address, secret: Buffer.from(e.secret, 'utf8'), name: (e.name as string | undefined) ?? e.address,
    componentType: (e.componentType as string | undefined) ?? DEFAULT_COMPONENT_TYPE,
    requireMessageAuthenticator: (e.requireMessageAuthenticator as boolean | undefined) ?? true,
  });
}

export class ClientTable {
  private readonly exact = new Map<string, RadiusClient>();
  private readonly networks: Network[];

  /** Entries are checked here; a bad one throws ClientTableError naming `source` and its index. */
  constructor(entries: readonly unknown[], source: string) {
    const nets = entries.map((raw, i) => network(checkEntry(raw, `${source}[${i}]`), `${source}[${i}]`));
    this.networks = nets.sort((a, b) => b.prefix - a.prefix);
    for (const n of this.networks) {
      if (n.prefix === (n.v6 ? 128 : 32) && !this.exact.has(n.client.address)) this.exact.set(n.client.address, n.client);
    }
  }

  get size(): number { return this.networks.length; }

  find(address: string): RadiusClient | undefined {
    const hit = this.exact.get(address);
    if (hit) return hit;
    const parsed = toBits(address);
    if (!parsed) return undefined;
    const width = parsed.v6 ? 128 : 32;
    return this.networks.find((n) => n.v6 === parsed.v6 && (parsed.bits >> BigInt(width - n.prefix)) === (n.bits >> BigInt(width - n.prefix)))?.client;
  }
}
