// Token buckets per source address and per user, in this process (docs/operations/rate-limits.md):
// an attempt takes one token from each of its buckets or is refused with the wait until the emptiest
// refills; the caller gives the tokens back when the attempt was no failed guess. Refill is computed
// lazily from an injected monotonic clock; each table holds at most `maxEntries` keys (least recent out).
import { createHash } from 'node:crypto';
import { BlockList, isIP, isIPv6 } from 'node:net';
import type { Admission, RateLimitEvent, RateLimiter, RateScope } from '../engine/ports.js';

export interface BucketSetting {
  /** Tokens a full bucket holds (attempts allowed at once); 0 turns this scope off. */
  readonly burst: number;
  /** Milliseconds to refill one token. */
  readonly refillMs: number;
}

export interface RateLimiterOptions {
  readonly source: BucketSetting;
  readonly user: BucketSetting;
  /** Most keys each scope tracks. */
  readonly maxEntries: number;
  /** Addresses and CIDR blocks (gateways that limit their own clients) the per-source bucket leaves alone. */
  readonly sourceExempt?: readonly string[];
  /** Monotonic milliseconds (default performance.now): never the authentication clock, which QA may freeze. */
  readonly monotonic?: () => number;
}

interface Bucket { tokens: number; at: number }

/** Longer keys (user names are the client's to choose) are kept as a digest, so an entry stays small. */
const MAX_KEY_CHARS = 64;
const compact = (key: string): string => (key.length <= MAX_KEY_CHARS ? key : `#${createHash('sha256').update(key).digest('base64url')}`);

class BucketTable {
  private readonly buckets = new Map<string, Bucket>();
  constructor(readonly setting: BucketSetting, private readonly maxEntries: number) {}

  get size(): number { return this.buckets.size; }

  /** The bucket of `key` refilled to `now` (created full), moved to the most recent end. */
  current(key: string, now: number): Bucket {
    const { burst, refillMs } = this.setting;
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + Math.max(0, now - b.at) / refillMs);
    b.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, b);
    if (this.buckets.size > this.maxEntries) this.buckets.delete(this.buckets.keys().next().value!);
    return b;
  }

  /** Gives a token back (never above the burst). */
  refund(key: string): void {
    const b = this.buckets.get(key);
    if (b) b.tokens = Math.min(this.setting.burst, b.tokens + 1);
  }
}

/**
 * The key of a source address: IPv4 (and IPv4-mapped IPv6) as it is; IPv6 by its /64, the block one
 * subscriber gets, so that walking through the addresses of one network does not make new buckets.
 */
export function sourceKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const bare = address.split('%')[0]!.toLowerCase();
  const [head, tail] = bare.includes('::') ? bare.split('::') : [bare, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** The exempt sources as a BlockList; an entry that is no IP address or CIDR block throws, naming it. */
export function exemptList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.trim().split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (family === 0 || (bits !== undefined && !(bits >= 0 && bits <= (family === 6 ? 128 : 32)))) {
      throw new Error(`"${entry}" is not an IP address or CIDR block (such as 10.0.0.5 or 10.0.0.0/24)`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type); else list.addSubnet(address, bits, type);
  }
  return list;
}

/** Source addresses remembered with their bucket key (null: exempt); the table is emptied when full. */
const SOURCE_MEMO_ENTRIES = 10_000;

/**
 * An address's bucket key, or undefined when the exempt list covers it. Requests come from few
 * addresses (clients, gateways, NASes), and parsing and checking one costs more than the bucket itself.
 */
function sourceKeys(exempt: BlockList): (address: string) => string | undefined {
  const memo = new Map<string, string | null>();
  return (address) => {
    let key = memo.get(address);
    if (key === undefined) {
      const limited = isIP(address) === 0 || !exempt.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
      key = limited ? sourceKey(address) : null;
      if (memo.size >= SOURCE_MEMO_ENTRIES) memo.clear();
      memo.set(address, key);
    }
    return key ?? undefined;
  };
}

export interface InProcessRateLimiter extends RateLimiter {
  /** Keys tracked now, per scope (for tests and metrics). */
  readonly tracked: Readonly<Record<RateScope, number>>;
}

export function createRateLimiter(opts: RateLimiterOptions): InProcessRateLimiter {
  const monotonic = opts.monotonic ?? (() => performance.now());
  const tables: Record<RateScope, BucketTable> = {
    source: new BucketTable(opts.source, opts.maxEntries),
    user: new BucketTable(opts.user, opts.maxEntries),
  };
  const listeners = new Set<(e: RateLimitEvent) => void>();
  const sourceKeyOf = sourceKeys(exemptList(opts.sourceExempt ?? []));
  const { source: sources, user: users } = tables;
  return {
    get tracked() { return { source: sources.size, user: users.size }; },
    admit(keys): Admission {
      const now = monotonic();
      const s = keys.source !== undefined && sources.setting.burst > 0 ? sourceKeyOf(keys.source) : undefined;
      const u = keys.user !== undefined && users.setting.burst > 0 ? compact(keys.user) : undefined;
      const sb = s === undefined ? undefined : sources.current(s, now);
      const ub = u === undefined ? undefined : users.current(u, now);
      const sourceEmpty = sb !== undefined && sb.tokens < 1, userEmpty = ub !== undefined && ub.tokens < 1;
      if (sourceEmpty || userEmpty) {
        const wait = (t: BucketTable, b: Bucket | undefined) => (b !== undefined && b.tokens < 1 ? Math.ceil((1 - b.tokens) * t.setting.refillMs) : 0);
        return { admitted: false, scope: sourceEmpty ? 'source' : 'user', retryAfterMs: Math.max(wait(sources, sb), wait(users, ub)) };
      }
      if (sb) sb.tokens -= 1;
      if (ub) ub.tokens -= 1;
      let returned = false;
      return {
        admitted: true,
        giveBack() {
          if (returned) return;
          returned = true;
          if (s !== undefined) sources.refund(s);
          if (u !== undefined) users.refund(u);
        },
      };
    },
    report(e) { for (const l of listeners) l(e); },
    subscribe(listener) { listeners.add(listener); return () => listeners.delete(listener); },
  };
}
