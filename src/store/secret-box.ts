// The master key at work (spec: flows.md §1 "secret (encrypted at rest)"): seals authenticator secrets
// for the store and opens them again, keeping a bounded number of opened secrets in memory so that an
// authentication does not run AES-GCM (and create a native cipher object) for every secret it reads.
import { seal, unseal } from './seal.js';

/** Opened secrets kept by default; about 0.2 KiB each. */
export const DEFAULT_SECRET_CACHE_ENTRIES = 100_000;

interface Opened { readonly sealed: string; readonly plain: Buffer }

export class SecretBox {
  /** By record id (the sealing context): the sealed text it was opened from, and the secret. */
  private readonly opened = new Map<string, Opened>();

  /** `maxEntries` 0 opens every secret afresh. */
  constructor(private readonly key: Buffer, private readonly maxEntries = DEFAULT_SECRET_CACHE_ENTRIES) {}

  seal(plain: Buffer, context: string): string {
    return seal(this.key, plain, context);
  }

  /**
   * The secret sealed in `sealed` for `context`. A cached secret is returned only for the identical
   * sealed text and context it was verified with; callers never write into the returned buffer.
   */
  open(sealed: string, context: string): Buffer {
    const hit = this.opened.get(context);
    if (hit !== undefined && hit.sealed === sealed) return hit.plain;
    const plain = unseal(this.key, sealed, context);
    return this.maxEntries > 0 ? this.remember(context, sealed, plain) : plain;
  }

  /** Oldest entry out first when full; the secret is copied out of Node's shared buffer pool. */
  private remember(context: string, sealed: string, plain: Buffer): Buffer {
    this.opened.delete(context);
    if (this.opened.size >= this.maxEntries) this.opened.delete(this.opened.keys().next().value!);
    const own = Buffer.allocUnsafeSlow(plain.length);
    plain.copy(own);
    this.opened.set(context, { sealed, plain: own });
    return own;
  }

  /** How many opened secrets are held (for tests). */
  get size(): number {
    return this.opened.size;
  }
}
