// The master key at work (spec: flows.md §1 "secret (encrypted at rest)"): seals authenticator secrets
// for the store and opens them again, optionally keeping a bounded number of opened secrets in memory
// so that an authentication does not run AES-GCM (and create a native cipher object) for every secret
// it reads (COUNTERSIGN_SECRET_CACHE_ENTRIES; off by default).
import { seal, sealedBytes, sealedTag, unsealBytes } from './seal.js';

const TAG_CHARS = 16;

export class SecretBox {
  /**
   * By record id (the sealing context): one one-byte string holding the GCM tag of the sealed value the
   * secret was verified from, then the secret (compact: no Buffer or object per entry).
   */
  private readonly opened = new Map<string, string>();

  /** `maxEntries` 0 opens every secret afresh. */
  constructor(private readonly key: Buffer, private readonly maxEntries: number) {}

  seal(plain: Buffer, context: string): string {
    return seal(this.key, plain, context);
  }

  /**
   * The secret sealed in `sealed` for `context`. A cached secret is returned only for the record and
   * the very sealing (same tag) it was verified from; each call returns a fresh buffer.
   */
  open(sealed: string, context: string): Buffer {
    const raw = sealedBytes(sealed);
    if (this.maxEntries === 0) return unsealBytes(this.key, raw, context);
    const tag = sealedTag(raw);
    const hit = this.opened.get(context);
    if (hit !== undefined && hit.startsWith(tag.toString('latin1'))) return Buffer.from(hit, 'latin1').subarray(TAG_CHARS);
    const plain = unsealBytes(this.key, raw, context);
    this.remember(context, Buffer.concat([tag, plain]).toString('latin1'));
    return plain;
  }

  /** Oldest entry out first when full. */
  private remember(context: string, entry: string): void {
    this.opened.delete(context);
    if (this.opened.size >= this.maxEntries) this.opened.delete(this.opened.keys().next().value!);
    this.opened.set(context, entry);
  }

  /** How many opened secrets are held (for tests). */
  get size(): number {
    return this.opened.size;
  }
}
