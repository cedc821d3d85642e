// Flow: virtual authenticators (engine/decisions.ts; OneSpan's Virtual Mobile Authenticator). For a user
// with one: an answer with the key of a delivered OTP (2-step), an answer without key (two 1-step logons:
// the user's open OTPs are tried), or a request by the policy's method (keyword and/or static password),
// which sends a new OTP. Anything else is not this flow's: the next flow of the registry decides it.
import type { Authenticator, VirtualRequestMethod } from '../../domain/model.js';
import type { AuthRequest } from '../../domain/request.js';
import { kindOf } from '../../authenticators/index.js';
import { verdict, type ResolvedContext, type Verdict } from '../context.js';
import { fingerprint } from '../credentials.js';
import { KEYWORD_IGNORES_CASE } from '../decisions.js';
import type { PendingRecord } from '../ports.js';
import { checkUserPassword, unreachable } from '../target-system.js';
import { sameDigest } from '../virtual-digest.js';
import { isVirtual, roleOf, sendVirtualOtp, virtualPayloadOf, type VirtualPayload } from '../virtual-otp.js';
import { usable } from './candidates.js';
import type { Flow } from './flow.js';
import { isStaticAttempt } from './static-password.js';

/** What an answer presented: the OTP and what came before (combined) or beside it (separate format). */
interface Answer { readonly otp: string; readonly password: string | undefined }

const DIGITS = /^[0-9]+$/;
const norm = (s: string): string => (KEYWORD_IGNORES_CASE ? s.toLowerCase() : s);

function answerOf(r: AuthRequest, length: number): Answer | undefined {
  if (r.passwordFormat === 'separate') {
    const otp = r.response ?? (r.staticPassword !== undefined ? r.password : undefined);
    return otp !== undefined && otp.length === length && DIGITS.test(otp) ? { otp, password: r.staticPassword } : undefined;
  }
  const whole = r.password ?? '';
  const otp = whole.slice(whole.length - length);
  if (whole.length < length || !DIGITS.test(otp)) return undefined;
  const before = whole.slice(0, whole.length - length);
  return { otp, password: before === '' ? undefined : before };
}

/** Checks the password part of an answer: none when none is due, else the user's password (target system). */
async function passwordRefusal(ctx: ResolvedContext, due: boolean, given: string | undefined, a: Authenticator): Promise<Verdict | undefined> {
  if (!due) return given === undefined ? undefined : verdict('OTP_INCORRECT', { serialNo: a.serial, fingerprint: fingerprint(ctx.request) });
  const checked = await checkUserPassword(ctx, given);
  if (checked === 'unreachable') return unreachable(a.serial);
  return checked === 'wrong' ? verdict('LOCAL_PASSWORD_MISMATCH', { serialNo: a.serial, fingerprint: fingerprint(ctx.request) }) : undefined;
}

async function accept(ctx: ResolvedContext, a: Authenticator): Promise<Verdict> {
  if (a.graceUntil !== null && a.graceUntil > ctx.now) await ctx.ports.authenticators.endGracePeriod(a.id);
  return verdict('SUCCESS', { serialNo: a.serial });
}

const ownerOf = (ctx: ResolvedContext, r: PendingRecord): Authenticator | undefined =>
  ctx.authenticators.find((a) => a.id === r.authenticatorRef && isVirtual(a));

/** 2-step: the key names the OTP; it answers once, right or wrong. Not a virtual OTP's key: not this flow's. */
async function byKey(ctx: ResolvedContext, key: string): Promise<Verdict | undefined> {
  const record = await ctx.ports.pending.find(key);
  const payload = record && virtualPayloadOf(record);
  if (!record || !payload) return undefined;
  if (record.userRef !== ctx.user.id || record.state !== 'open') return verdict('NOT_FOUND', { detail: 'unknown or already used key' });
  const a = ownerOf(ctx, record);
  if (!a) return verdict('DIGIPASS_LOCKED', { detail: 'the virtual authenticator that sent this one-time password cannot be used now' });
  if (ctx.now >= record.expiresAt) return verdict('EXP_CHALLENGE', { serialNo: a.serial, detail: 'the one-time password has expired; ask for a new one' });
  if (!(await ctx.ports.pending.transition(key, 'open', 'used'))) return verdict('NOT_FOUND', { detail: 'unknown or already used key' });
  const given = answerOf(ctx.request, ctx.policy.virtualOtpLength);
  if (!given || !sameDigest(ctx.ports.delivery?.digest(key, given.otp) ?? '', payload.digest)) {
    return verdict('OTP_INCORRECT', { serialNo: a.serial, fingerprint: fingerprint(ctx.request) });
  }
  return (await passwordRefusal(ctx, payload.needsPassword, given.password, a)) ?? accept(ctx, a);
}

interface Open { readonly record: PendingRecord; readonly payload: VirtualPayload; readonly a: Authenticator }

async function openOtps(ctx: ResolvedContext): Promise<Open[]> {
  const list = (await ctx.ports.pending.listPendingForUser?.(ctx.user.id, 'virtual-otp')) ?? [];
  return list.filter((r) => r.state === 'open').flatMap((record) => {
    const payload = virtualPayloadOf(record);
    const a = ownerOf(ctx, record);
    return payload && a ? [{ record, payload, a }] : [];
  });
}

/** Two 1-step logons, second one: password + OTP (the OTP alone after KeywordOnly), no key. */
async function withoutKey(ctx: ResolvedContext, open: readonly Open[]): Promise<Verdict | undefined> {
  const given = answerOf(ctx.request, ctx.policy.virtualOtpLength);
  const digest = ctx.ports.delivery?.digest;
  if (!given || !digest) return undefined;
  const live = open.filter((o) => ctx.now < o.record.expiresAt);
  const hit = live.find((o) => sameDigest(digest(o.record.key, given.otp), o.payload.digest));
  if (!hit) return undefined;
  const refused = await passwordRefusal(ctx, hit.payload.method !== 'KeywordOnly', given.password, hit.a);
  if (refused) return refused;
  if (!(await ctx.ports.pending.transition(hit.record.key, 'open', 'used'))) return verdict('OTP_REPLAY', { serialNo: hit.a.serial, fingerprint: fingerprint(ctx.request) });
  return accept(ctx, hit.a);
}

/** The request text: the password field (separate format: the static password field); none beside a response. */
function requestText(r: AuthRequest): string | undefined {
  if (r.response !== undefined) return undefined;
  return r.passwordFormat === 'separate' ? r.staticPassword ?? r.password ?? '' : r.password ?? '';
}

type Item = { readonly kind: 'none' } | { readonly kind: 'password'; readonly value: string };
const NONE: Item = { kind: 'none' };
const after = (text: string, kw: string): string | undefined => (kw !== '' && norm(text.slice(0, kw.length)) === norm(kw) ? text.slice(kw.length) : undefined);
const before = (text: string, kw: string): string | undefined =>
  (kw !== '' && text.length > kw.length && norm(text.slice(text.length - kw.length)) === norm(kw) ? text.slice(0, text.length - kw.length) : undefined);
const pw = (value: string | undefined): Item | undefined => (value ? { kind: 'password', value } : undefined);
const inGrace = (ctx: ResolvedContext): boolean => ctx.authenticators.some((a) => a.graceUntil !== null && a.graceUntil > ctx.now);

/** The request methods [DOC "Request methods and request keywords"]: what the text must be, and what came with the keyword. */
const ITEMS: Readonly<Record<Exclude<VirtualRequestMethod, 'None'>, (ctx: ResolvedContext, text: string, kw: string) => Item | undefined>> = {
  Keyword: (_ctx, text, kw) => { const rest = after(text, kw); return rest === '' ? NONE : pw(rest); },
  KeywordOnly: (_ctx, text, kw) => (norm(text) === norm(kw) ? NONE : undefined),
  Password: (ctx, text) => (text !== '' && isStaticAttempt(ctx) && !inGrace(ctx) ? pw(text) : undefined),
  KeywordPassword: (_ctx, text, kw) => pw(after(text, kw)),
  PasswordKeyword: (_ctx, text, kw) => pw(before(text, kw)),
};

interface Ask { readonly a: Authenticator; readonly method: Exclude<VirtualRequestMethod, 'None'>; readonly item: Item }

/** The first role (primary, then backup) whose method the text fits. */
function askOf(ctx: ResolvedContext): Ask | undefined {
  const text = requestText(ctx.request);
  if (text === undefined) return undefined;
  const p = ctx.policy;
  const roles = [['primary', p.virtualRequestMethod, p.virtualKeyword], ['backup', p.backupVirtualRequestMethod, p.backupVirtualKeyword]] as const;
  for (const [role, method, kw] of roles) {
    const a = ctx.authenticators.find((x) => isVirtual(x) && roleOf(x) === role);
    if (!a || method === 'None') continue;
    const item = ITEMS[method](ctx, text, kw);
    if (item) return { a, method, item };
  }
  return undefined;
}

async function request(ctx: ResolvedContext, ask: Ask): Promise<Verdict> {
  if (ask.item.kind === 'password') {
    const refused = await passwordRefusal(ctx, true, ask.item.value, ask.a);
    if (refused) return refused.status === 'LOCAL_PASSWORD_MISMATCH' ? verdict(refused.status, { fingerprint: refused.fingerprint }) : refused;
  }
  return sendVirtualOtp(ctx, ask.a, { method: ask.method, passwordVerified: ask.item.kind === 'password' });
}

/**
 * The OTP request page [DOC "Virtual Mobile Authenticator OTP Request Website"]: a primary virtual
 * authenticator is asked with the static password; a backup one with its policy method (keyword and/or password).
 */
export async function requestFromPage(ctx: ResolvedContext): Promise<Verdict> {
  const text = ctx.request.password ?? '';
  const primary = ctx.policy.virtualRequestMethod === 'None' ? undefined : ctx.authenticators.find((a) => isVirtual(a) && roleOf(a) === 'primary');
  if (primary) return request(ctx, { a: primary, method: ctx.policy.virtualRequestMethod as Ask['method'], item: { kind: 'password', value: text } });
  const ask = askOf(ctx);
  if (ask && roleOf(ask.a) === 'backup') return request(ctx, ask);
  const backup = ctx.authenticators.some((a) => isVirtual(a) && roleOf(a) === 'backup');
  return backup ? verdict('LOCAL_PASSWORD_MISMATCH', { fingerprint: fingerprint(ctx.request) }) : verdict('NO_DIGIPASS', { detail: 'the user has no virtual authenticator' });
}

/** Without a key and nothing matched: what to say when the user has nothing else that verifies OTPs. */
function unmatched(ctx: ResolvedContext, open: readonly Open[]): Verdict | undefined {
  const others = ctx.authenticators.some((a) => usable(a) && !kindOf(a.kind).capabilities.delivery);
  if (others || !answerOf(ctx.request, ctx.policy.virtualOtpLength)) return undefined;
  const live = open.some((o) => ctx.now < o.record.expiresAt);
  if (!live && open.length > 0) return verdict('EXP_CHALLENGE', { serialNo: open[0]!.a.serial, detail: 'the one-time password has expired; ask for a new one' });
  return verdict('OTP_INCORRECT', { fingerprint: fingerprint(ctx.request) });
}

export const virtual: Flow = {
  name: 'virtual',
  matches: (ctx) => ctx.request.authType === undefined && ctx.request.challenge === undefined && ctx.request.mschapv2 === undefined
    && ctx.authenticators.some(isVirtual),
  async run(ctx) {
    if (ctx.request.challengeKey !== undefined) return byKey(ctx, ctx.request.challengeKey);
    const open = await openOtps(ctx);
    const answered = open.length > 0 ? await withoutKey(ctx, open) : undefined;
    if (answered) return answered;
    const ask = askOf(ctx);
    if (ask) return request(ctx, ask);
    return unmatched(ctx, open);
  },
};
