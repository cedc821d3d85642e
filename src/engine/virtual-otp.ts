// Sending a virtual authenticator's OTP (engine/decisions.ts): address of the user account, send limit,
// backup usage restrictions, a random OTP kept as its keyed digest in a `virtual-otp` pending record, the
// policy's message template, delivery through the MessageSender port. A failed delivery undoes all of it.
import type { Authenticator, DeliveryChannel, VirtualRequestMethod } from '../domain/model.js';
import { kindOf } from '../authenticators/index.js';
import { verdict, type ResolvedContext, type Verdict } from './context.js';
import {
  VIRTUAL_DELIVERY_FAILED, VIRTUAL_KEY_BYTES, VIRTUAL_SENT, VIRTUAL_UNUSABLE, maskAddress, virtualSentMessage,
} from './decisions.js';
import { usable } from './flows/candidates.js';
import type { BackupUsageState, PendingRecord, Randomness, VirtualDelivery } from './ports.js';
import { userGateKey } from './user-gate.js';

export type VirtualRole = 'primary' | 'backup';

/** What a `virtual-otp` record holds: never the OTP, only its keyed digest and what the answer must carry. */
export interface VirtualPayload {
  readonly digest: string;
  /** An answer with the key (2-step) must bring the static password too (Keyword method, keyword alone first). */
  readonly needsPassword: boolean;
  /** The request method of the first leg: an answer without the key brings the password unless it was KeywordOnly. */
  readonly method: VirtualRequestMethod;
  readonly channel: DeliveryChannel;
  /** The masked address, for the audit. */
  readonly to: string;
}

const DAY_MS = 86_400_000;

export const isVirtual = (a: Authenticator): boolean => usable(a) && kindOf(a.kind).capabilities.delivery;
export const roleOf = (a: Authenticator): VirtualRole => (a.backup ? 'backup' : 'primary');

export function virtualPayloadOf(r: PendingRecord): VirtualPayload | undefined {
  const p = r.payload;
  if (r.kind !== 'virtual-otp' || typeof p.digest !== 'string' || typeof p.method !== 'string') return undefined;
  return p as unknown as VirtualPayload;
}

/** `length` uniformly random decimal digits (bytes ≥ 250 are drawn again, so every digit is equally likely). */
export function drawOtp(random: Randomness, length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of random.bytes(length)) if (b < 250 && out.length < length) out += String(b % 10);
  }
  return out;
}

/** The template with `{otp}`, `{minutes}`, `{user}` and `{domain}` replaced (unknown names stay as they are). */
export function render(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** The channel and address of the user account, or why there is none. */
function addressOf(ctx: ResolvedContext, a: Authenticator): { channel: DeliveryChannel; to: string } | Verdict {
  const channel = a.delivery ?? ctx.policy.virtualDelivery;
  const to = (channel === 'email' ? ctx.user.email : ctx.user.mobile)?.trim();
  if (to) return { channel, to };
  const field = channel === 'email' ? 'e-mail address (USERFLD_EMAIL)' : 'mobile number (USERFLD_MOBILE)';
  return verdict(VIRTUAL_UNUSABLE, { serialNo: a.serial, detail: `the user account has no ${field} to send the one-time password to` });
}

const same = (x: BackupUsageState, y: BackupUsageState): boolean => x.usesRemaining === y.usesRemaining && x.enabledUntil === y.enabledUntil;

/** The restriction after one more use, or why there is no use left [DOC: checked before an OTP is generated]. */
function nextUsage(ctx: ResolvedContext, a: Authenticator, cur: BackupUsageState): BackupUsageState | Verdict {
  const { backupVirtualTimeLimitDays: days, backupVirtualMaxUses: max } = ctx.policy;
  const enabledUntil = cur.enabledUntil ?? (days > 0 ? ctx.now + days * DAY_MS : null);
  if (enabledUntil !== null && ctx.now >= enabledUntil) return verdict(VIRTUAL_UNUSABLE, { serialNo: a.serial, detail: 'the backup virtual authenticator\'s time limit has passed' });
  const uses = cur.usesRemaining ?? (max > 0 ? max : null);
  if (uses !== null && uses <= 0) return verdict(VIRTUAL_UNUSABLE, { serialNo: a.serial, detail: 'the backup virtual authenticator has no uses left' });
  return { usesRemaining: uses === null ? null : uses - 1, enabledUntil };
}

type Undo = () => Promise<void>;
const NOTHING: Undo = async () => undefined;

/** Takes one use of a backup authenticator by compare-and-set (retried on a concurrent change); the undo gives it back. */
async function claimBackupUse(ctx: ResolvedContext, a: Authenticator): Promise<Undo | Verdict> {
  const store = ctx.ports.authenticators;
  if (!a.backup) return NOTHING;
  if (!store.setBackupUsage) return verdict('ERROR', { serialNo: a.serial, detail: 'this store cannot keep backup usage restrictions' });
  let cur: BackupUsageState = { usesRemaining: a.usesRemaining ?? null, enabledUntil: a.enabledUntil ?? null };
  for (let attempt = 0; attempt < 8; attempt++) {
    const next = nextUsage(ctx, a, cur);
    if ('status' in next) return next;
    if (same(cur, next)) return NOTHING;
    const before = cur;
    if (await store.setBackupUsage(a.id, before, next)) return async () => { await store.setBackupUsage!(a.id, next, before); };
    const fresh = await store.findBySerial(a.serial);
    if (!fresh) return verdict(VIRTUAL_UNUSABLE, { detail: 'the authenticator was deleted meanwhile' });
    cur = { usesRemaining: fresh.usesRemaining ?? null, enabledUntil: fresh.enabledUntil ?? null };
  }
  return verdict('ERROR', { serialNo: a.serial, detail: 'the backup usage kept changing; retry' });
}

/** One send from the per-user and per-source send budget, or RATE_LIMITED; the give-back returns it. */
function takeSendToken(ctx: ResolvedContext, d: VirtualDelivery, channel: DeliveryChannel): (() => void) | Verdict {
  if (!d.limiter) return () => undefined;
  const r = ctx.request;
  const admission = d.limiter.admit({ source: r.sourceAddress, user: userGateKey(ctx.user.domain, ctx.user.userId) });
  if (admission.admitted) return () => admission.giveBack();
  d.limiter.report({ door: r.door, scope: admission.scope, operation: 'virtualOtpSend' });
  d.sent?.(channel, 'limited');
  const s = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
  return verdict('RATE_LIMITED', { retryAfterS: s, detail: `too many one-time passwords sent ${admission.scope === 'user' ? 'for this user' : 'from this address'}; retry in ${s} s` });
}

export interface SendOptions {
  readonly method: VirtualRequestMethod;
  /** The static password was verified in this first leg (or before it, REST MFA): a keyed answer needs the OTP alone. */
  readonly passwordVerified: boolean;
}

/** Sends a new OTP for `a`: OTP_SENT with its key and the masked address, or why not (nothing changed then). */
export async function sendVirtualOtp(ctx: ResolvedContext, a: Authenticator, o: SendOptions): Promise<Verdict> {
  const d = ctx.ports.delivery;
  if (!d) return verdict(VIRTUAL_UNUSABLE, { serialNo: a.serial, detail: 'message delivery is not configured on this server' });
  const address = addressOf(ctx, a);
  if ('status' in address) return address;
  const giveBack = takeSendToken(ctx, d, address.channel);
  if (typeof giveBack !== 'function') return giveBack;
  const undo = await claimBackupUse(ctx, a);
  if (typeof undo !== 'function') { giveBack(); return undo; }
  const { policy, ports } = ctx;
  const otp = drawOtp(ports.random, policy.virtualOtpLength);
  const key = ports.random.bytes(VIRTUAL_KEY_BYTES).toString('base64url');
  const masked = maskAddress(address.channel, address.to);
  const payload: VirtualPayload = {
    digest: d.digest(key, otp), needsPassword: o.method === 'Keyword' && !o.passwordVerified, method: o.method, channel: address.channel, to: masked,
  };
  await ports.pending.create({
    key, kind: 'virtual-otp', userRef: ctx.user.id, authenticatorRef: a.id, componentType: ctx.request.componentType,
    createdAt: ctx.now, expiresAt: ctx.now + policy.virtualOtpLifetimeS * 1000, payload: { ...payload }, state: 'open',
  });
  const vars = { otp, minutes: String(Math.max(1, Math.round(policy.virtualOtpLifetimeS / 60))), user: ctx.user.userId, domain: ctx.user.domain };
  const template = address.channel === 'email' ? policy.virtualEmailTemplate : policy.virtualSmsTemplate;
  const result = await d.sender.send({
    channel: address.channel, to: address.to, subject: render(policy.virtualEmailSubject, vars), text: render(template, vars),
    userId: ctx.user.userId, domain: ctx.user.domain,
  }).catch((): { ok: false; reason: string } => ({ ok: false, reason: 'the delivery component failed' }));
  if (!result.ok) {
    await ports.pending.transition(key, 'open', 'used');
    await undo();
    giveBack();
    d.sent?.(address.channel, 'failed');
    return verdict(VIRTUAL_DELIVERY_FAILED, { serialNo: a.serial, detail: `the one-time password could not be sent (${result.reason}); retry later` });
  }
  d.sent?.(address.channel, 'sent');
  const how = address.channel === 'email' ? 'by e-mail' : 'by SMS';
  return verdict(VIRTUAL_SENT, { serialNo: a.serial, challengeKey: key, challengeMessage: virtualSentMessage(address.channel, masked), detail: `sent ${how} to ${masked}` });
}
