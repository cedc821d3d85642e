// MFA initialisation for a gateway, engine side (spec: other-frontends.md §3): the user password through its target system
// (static or LDAP; wrong counts toward the lock, right never resets it) and the second factor's choice: an OTP authenticator,
// push, a challenge, or a first TOTP. Audited like authUser.
import { createHash } from 'node:crypto';
import type { Authenticator, HashAlgorithm } from '../domain/model.js';
import type { AuthOutcome, AuthRequest } from '../domain/request.js';
import { kindOf } from '../authenticators/index.js';
import { answersChallenges, issueChallenge } from './challenges.js';
import { verdict, withPolicy, type AuthContext, type ResolvedContext, type Verdict } from './context.js';
import { fingerprint } from './credentials.js';
import { isInvalid, type InvalidRequest } from './engine.js';
import { usable } from './flows/candidates.js';
import { finish, refuse, settle } from './outcome.js';
import type { Ports } from './ports.js';
import { isPushDevice } from './push.js';
import { isVirtual, roleOf, sendVirtualOtp } from './virtual-otp.js';
import { AUTH_STEPS, USER_STEPS, runSteps } from './steps/index.js';
import { checkUserPassword, unreachable } from './target-system.js';
import { DEFAULT_DOMAIN } from './steps/resolve-user.js';
import { createUserGate, userGateKey, type UserGate } from './user-gate.js';
import { attemptOf, limited, limitedBy } from './rate-limit.js';

export interface MfaRequest {
  readonly componentType: string;
  readonly userId: string;
  readonly domain?: string;
  /** The user password; required for passwordLogin, optional (checked again when given) for initialize. */
  readonly password?: string;
  readonly sourceAddress?: string;
  readonly door: string;
}

/** A new TOTP authenticator as the enrolment port stores it (the store seals the secret). */
export interface NewTotp {
  readonly serial: string;
  readonly kind: 'totp';
  readonly secret: Buffer;
  readonly digits: number;
  readonly algorithm: HashAlgorithm;
  readonly period: number;
  readonly userRef: string;
}

/** Where a first TOTP seed is stored for a user (the store implements it). */
export interface Enrolment { createAuthenticator(a: NewTotp): Promise<string> }

export type MfaMethod =
  | { readonly type: 'AlreadySeeded'; readonly serialNo: string }
  | { readonly type: 'Secret'; readonly serialNo: string; readonly secret: Buffer; readonly digits: number; readonly period: number; readonly algorithm: HashAlgorithm }
  | { readonly type: 'Challenge'; readonly serialNo: string; readonly challengeKey: string; readonly challengeMessage: string; readonly timeoutS: number; readonly sent?: string }
  | { readonly type: 'Push'; readonly serialNo: string; readonly timeoutS: number };

export interface MfaEngine {
  /** SUCCESS when the user may log in and the password is right; nothing about a second factor. */
  passwordLogin(request: MfaRequest | InvalidRequest): Promise<AuthOutcome>;
  /** SUCCESS (or CHALLENGE) with the method the user answers next; a first TOTP is created here. */
  initialize(request: MfaRequest): Promise<{ outcome: AuthOutcome; method?: MfaMethod }>;
}

/** Bytes of a new TOTP seed (160 bits, RFC 4226's recommendation) and its settings. */
const SEED_BYTES = 20;
const TOTP_SETTINGS = { digits: 6, period: 30, algorithm: 'SHA1' as const };

const asAuthRequest = (r: MfaRequest): AuthRequest => ({
  componentType: r.componentType, userId: r.userId, domain: r.domain, passwordFormat: 'separate',
  staticPassword: r.password, door: r.door, sourceAddress: r.sourceAddress,
});

/** The password through the target system; undefined when it is right. */
async function passwordRefusal(ctx: AuthContext, given: string | undefined): Promise<Verdict | undefined> {
  const resolved = withPolicy(ctx);
  const checked = await checkUserPassword(resolved, given);
  if (checked === 'unreachable') return unreachable();
  if (checked === 'wrong') return verdict('LOCAL_PASSWORD_MISMATCH', { fingerprint: fingerprint(ctx.request) });
  return undefined;
}

/** Only failures touch the lock: a right password alone must not reset a count of wrong OTPs. */
async function conclude(ports: Ports, ctx: AuthContext, v: Verdict): Promise<AuthOutcome> {
  if (v.status !== 'SUCCESS' && v.status !== 'CHALLENGE' && v.status !== 'OTP_SENT') await settle(ctx, v);
  return finish(ports, ctx, v);
}

/**
 * The serial is derived from the user, so two initialise calls racing for one user collide on the
 * store's unique serial: the loser finds the winner's authenticator and answers AlreadySeeded. When the
 * derived serial belongs to no authenticator of this user (an administrator unassigned an earlier one),
 * a random serial is used instead.
 */
async function newTotp(ctx: ResolvedContext, enrolment: Enrolment): Promise<MfaMethod> {
  const derived = `RM${createHash('sha256').update(ctx.user.id).digest('hex').slice(0, 10).toUpperCase()}`;
  const secret = ctx.ports.random.bytes(SEED_BYTES);
  const create = (serial: string) => enrolment.createAuthenticator({ serial, kind: 'totp', secret, ...TOTP_SETTINGS, userRef: ctx.user.id });
  try {
    await create(derived);
    return { type: 'Secret', serialNo: derived, secret, ...TOTP_SETTINGS };
  } catch (err) {
    const mine = (await ctx.ports.authenticators.listForUser(ctx.user.id)).find((a) => a.serial === derived);
    if (mine) return { type: 'AlreadySeeded', serialNo: derived };
    if (await ctx.ports.authenticators.findBySerial(derived) === null) throw err;
  }
  const serialNo = `RM${ctx.ports.random.bytes(6).toString('hex').toUpperCase()}`;
  await create(serialNo);
  return { type: 'Secret', serialNo, secret, ...TOTP_SETTINGS };
}

/** The answer to a user without authenticators while self-enrolment is off. */
const NO_SELF_ENROLMENT = verdict('NO_DIGIPASS', { detail: 'the user has no authenticator and self-enrolment after a password alone is off: an administrator assigns one' });

/** Existing OTP authenticator, then push device, then challenge, then a virtual one (sends); a first TOTP only for users with none, when enrolment is on. */
async function chooseMethod(ctx: ResolvedContext, enrolment: Enrolment | undefined): Promise<MfaMethod | Verdict> {
  const all = ctx.authenticators;
  const otp = all.find((a) => usable(a) && kindOf(a.kind).capabilities.responseOnly);
  if (otp) return { type: 'AlreadySeeded', serialNo: otp.serial };
  const device = ctx.ports.push ? all.find(isPushDevice) : undefined;
  if (device) return { type: 'Push', serialNo: device.serial, timeoutS: ctx.policy.pushTimeoutS };
  const answering: Authenticator | undefined = all.find(answersChallenges);
  if (answering) {
    const target = { userRef: ctx.user.id, authenticator: answering };
    const issued = await issueChallenge(ctx.ports, ctx.now, ctx.policy, ctx.request.componentType, target, { purpose: '2-step' });
    if ('status' in issued) return issued;
    return { type: 'Challenge', serialNo: answering.serial, challengeKey: issued.challengeKey, challengeMessage: issued.challengeMessage, timeoutS: ctx.policy.challengeLifetimeS };
  }
  const virtual = ctx.policy.virtualRequestMethod === 'None' ? undefined : all.find((a) => isVirtual(a) && roleOf(a) === 'primary');
  if (virtual) return virtualMethod(ctx, virtual);
  if (all.length > 0) return verdict('DIGIPASS_LOCKED', { detail: 'none of the user\'s authenticators can be used' });
  return enrolment ? newTotp(ctx, enrolment) : NO_SELF_ENROLMENT;
}

/** A primary virtual authenticator: the password was proved by POST /authentication, so the OTP is sent now and answered alone. */
async function virtualMethod(ctx: ResolvedContext, a: Authenticator): Promise<MfaMethod | Verdict> {
  const v = await sendVirtualOtp(ctx, a, { method: ctx.policy.virtualRequestMethod, passwordVerified: true });
  if (v.status !== 'OTP_SENT') return v;
  return { type: 'Challenge', serialNo: a.serial, challengeKey: v.challengeKey!, challengeMessage: v.challengeMessage!, timeoutS: ctx.policy.virtualOtpLifetimeS, sent: v.detail };
}

const methodVerdict = (m: MfaMethod): Verdict => (m.type === 'Challenge' && m.sent !== undefined ? verdict('OTP_SENT', { serialNo: m.serialNo, detail: m.sent }) : verdict(m.type === 'Challenge' ? 'CHALLENGE' : 'SUCCESS', {
  serialNo: m.serialNo, detail: m.type === 'Secret' ? 'MFA initialise: a new TOTP authenticator was enrolled' : `MFA initialise: ${m.type}`,
}));

/** Runs `fn` in the user's turn (user-gate.ts), so parallel password guesses are checked one by one. */
async function inTurn<T>(gate: UserGate, r: MfaRequest, fn: () => Promise<T>): Promise<T> {
  const release = await gate.acquire(userGateKey(r.domain || DEFAULT_DOMAIN, r.userId));
  try { return await fn(); } finally { release(); }
}

export interface MfaOptions {
  /**
   * A user without authenticators gets a first TOTP after the password alone (`Secret`). Off by default
   * (COUNTERSIGN_REST_SELF_ENROLMENT): whoever has the password would otherwise bind their own phone.
   */
  readonly selfEnrolment?: boolean;
}

export function createMfaEngine(ports: Ports, enrolment: Enrolment, options: MfaOptions = {}): MfaEngine {
  const gate = ports.turns ?? createUserGate();
  return {
    async passwordLogin(request) {
      if (isInvalid(request)) return refuse(ports, request);
      return limited(ports, attemptOf('mfaLogin', request), () => inTurn(gate, request, async () => {
        const ctx: AuthContext = { request: asAuthRequest(request), now: ports.clock.now(), ports };
        const v = (await runSteps(ctx, USER_STEPS)) ?? (await passwordRefusal(ctx, request.password)) ?? verdict('SUCCESS');
        return conclude(ports, ctx, v);
      }));
    },
    initialize: (request) => limitedBy(ports, attemptOf('mfaInitialize', request),
      () => inTurn(gate, request, () => initializeIn(ports, enrolment, request, options)), (r) => r.outcome, (outcome) => ({ outcome })),
  };
}

async function initializeIn(ports: Ports, enrolment: Enrolment, request: MfaRequest, options: MfaOptions): Promise<{ outcome: AuthOutcome; method?: MfaMethod }> {
  const ctx: AuthContext = { request: asAuthRequest(request), now: ports.clock.now(), ports };
  const stop = (await runSteps(ctx, AUTH_STEPS)) ?? (request.password !== undefined ? await passwordRefusal(ctx, request.password) : undefined);
  if (stop) return { outcome: await conclude(ports, ctx, stop) };
  const resolved = withPolicy(ctx);
  const chosen = await chooseMethod(resolved, options.selfEnrolment === true ? enrolment : undefined);
  if ('status' in chosen) return { outcome: await conclude(ports, ctx, chosen) };
  return { outcome: await conclude(ports, ctx, methodVerdict(chosen)), method: chosen };
}
