// Helpers for the virtual authenticator tests: a recording message sender (optionally failing), the
// demo harness with delivery wired, users with a virtual authenticator, and the OTP read from a message.
import type { OutgoingMessage, DeliveryResult, MessageSender, VirtualDelivery } from '../../src/engine/ports.js';
import { otpDigestFor } from '../../src/engine/virtual-digest.js';
import { createRateLimiter } from '../../src/runtime/rate-limiter.js';
import { demoHarness, fastHasher, T0, type Harness } from '../support/engine-harness.js';

export class RecordingSender implements MessageSender {
  readonly sent: OutgoingMessage[] = [];
  fail: string | undefined;
  async send(m: OutgoingMessage): Promise<DeliveryResult> {
    if (this.fail) return { ok: false, reason: this.fail };
    this.sent.push(m);
    return { ok: true };
  }
  /** The digits of the last message (the policy's OTP length). */
  lastOtp(length = 6): string {
    const m = this.sent.at(-1);
    const hit = m && new RegExp(`\\b(\\d{${length}})\\b`).exec(m.text);
    if (!hit) throw new Error('no OTP in the last message');
    return hit[1]!;
  }
}

export interface VirtualHarness extends Harness { readonly sender: RecordingSender; readonly delivery: VirtualDelivery }

export async function virtualHarness(opts: { perUser?: number; storeUrl?: string } = {}): Promise<VirtualHarness> {
  const sender = new RecordingSender();
  const limiter = createRateLimiter({ user: { burst: opts.perUser ?? 0, refillMs: 60_000 }, source: { burst: 0, refillMs: 1 }, maxEntries: 1000 });
  const delivery: VirtualDelivery = { sender, digest: otpDigestFor(Buffer.alloc(32, 9)), limiter };
  const h = await demoHarness(T0, opts.storeUrl ?? 'memory:', { delivery });
  return { ...h, sender, delivery };
}

export interface VirtualUser {
  staticPassword?: string; email?: string | null; mobile?: string | null; delivery?: 'email' | 'sms';
  backup?: boolean; usesRemaining?: number | null; enabledUntil?: number | null; serial?: string; withTotp?: boolean;
}

/** Adds a user with one virtual authenticator (and, with `withTotp`, a TOTP of the demo secret too). */
export async function addVirtualUser(h: Harness, userId: string, o: VirtualUser = {}): Promise<string> {
  const userRef = await h.store.createUser({
    domain: 'master', userId, email: o.email === undefined ? `${userId}@example.org` : o.email, mobile: o.mobile ?? '+32 470 12 34 56',
    staticPasswordHash: o.staticPassword ? await fastHasher().hash(o.staticPassword) : null,
  });
  await h.store.createAuthenticator({
    serial: o.serial ?? `VIR-${userId}`, kind: 'virtual', secret: Buffer.alloc(0), userRef, delivery: o.delivery ?? null,
    backup: o.backup ?? false, usesRemaining: o.usesRemaining ?? null, enabledUntil: o.enabledUntil ?? null,
  });
  if (o.withTotp) await h.store.createAuthenticator({ serial: `TOTP-${userId}`, kind: 'totp', secret: Buffer.from('12345678901234567890'), userRef });
  return userRef;
}
