// Retransmission cache (RFC 5080 §2.2.2; spec: other-frontends.md §1): the answer to a request is
// kept for a short time under (source address, port, identifier, request authenticator), so a
// retransmission gets the same bytes and never runs the authentication, the lockout or a push twice.
// A retransmission that arrives while the first is still being decided waits for the same answer.

export type Answer = Buffer | undefined;

interface Entry { readonly expires: number; readonly answer: Promise<Answer> }

export class ReplyCache {
  private readonly entries = new Map<string, Entry>();

  /** `now` is a monotonic millisecond clock (not the QA-settable wall clock). */
  constructor(private readonly ttlMs: number, private readonly maxEntries: number, private readonly now: () => number) {}

  static key(address: string, port: number, identifier: number, authenticator: Buffer): string {
    return `${address}|${port}|${identifier}|${authenticator.toString('latin1')}`;
  }

  get size(): number { return this.entries.size; }

  get(key: string): Promise<Answer> | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires > this.now()) return e.answer;
    this.entries.delete(key);
    return undefined;
  }

  /** Remembers the answer being computed; old entries (insertion order = expiry order) go first. */
  put(key: string, answer: Promise<Answer>): void {
    const now = this.now();
    for (const [k, e] of this.entries) {
      if (e.expires > now && this.entries.size < this.maxEntries) break;
      this.entries.delete(k);
    }
    if (this.ttlMs > 0) this.entries.set(key, { expires: now + this.ttlMs, answer });
  }

  /** Drops an entry, so that a retransmission of a request that failed inside is tried again. */
  forget(key: string): void { this.entries.delete(key); }

  clear(): void { this.entries.clear(); }
}
