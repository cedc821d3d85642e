// Flow: authUser with an MS-CHAPv2 exchange instead of a password (spec: other-frontends.md §4). The user
// typed the OTP alone as the MS-CHAPv2 password: each OTP of an authenticator's window is tried against
// the NT-Response; the matched step is consumed by compare-and-set like any OTP (replay, lockout, audit).
import { createHash } from 'node:crypto';
import type { Authenticator } from '../../domain/model.js';
import type { MsChapV2Proof } from '../../domain/request.js';
import { kindOf } from '../../authenticators/index.js';
import { hostCode } from '../../otp/hostcode.js';
import { generateAuthenticatorResponse, ntResponseMatcher } from '../../otp/mschapv2.js';
import { verdict, type ResolvedContext, type Verdict } from '../context.js';
import { usable, withCapability } from './candidates.js';
import type { Flow } from './flow.js';

interface ProofMatch { readonly a: Authenticator; readonly otp: string; readonly step: number; readonly drift: number }

const PAP = 'use PAP to send the server PIN (or static password) with the OTP';

/** A server PIN in use, or one still to be set, needs a channel MS-CHAPv2 does not have. */
const needsPin = (a: Authenticator): boolean => (a.pinEnabled && a.pinHash !== null) || a.pinChangeRequired;

/** A tag of the exchange, so a NAS retry of the same packet counts once toward lockout. */
function proofTag(p: MsChapV2Proof): string {
  return createHash('sha256').update(p.authenticatorChallenge).update(p.peerChallenge).update(p.ntResponse).digest('hex').slice(0, 8);
}

/** Why this user cannot be approved from an MS-CHAPv2 exchange at all; nothing is counted toward lockout. */
function refusal(ctx: ResolvedContext, list: Authenticator[]): Verdict | undefined {
  const responseOnly = withCapability(ctx, 'responseOnly');
  if (responseOnly.length === 0) {
    if (ctx.authenticators.length > 0 && !ctx.authenticators.some(usable)) return verdict('DIGIPASS_LOCKED');
    return verdict('NO_DIGIPASS', { detail: 'MS-CHAPv2 needs an authenticator that verifies a one-time password without a challenge' });
  }
  if (ctx.policy.staticPasswordWithOtp) return verdict('NO_DIGIPASS', { detail: `the policy requires a static password with the OTP, which MS-CHAPv2 cannot carry: ${PAP}` });
  if (list.length === 0) return verdict('NO_DIGIPASS', { detail: `MS-CHAPv2 carries the OTP alone and this user's authenticator has a server PIN: ${PAP}` });
  return undefined;
}

const candidates = (ctx: ResolvedContext): Authenticator[] => withCapability(ctx, 'responseOnly').filter((a) => !needsPin(a));

const givesHostCode = (a: Authenticator): boolean => kindOf(a.kind).capabilities.hostCode;

/** The first candidate with a fresh step whose OTP satisfies the proof; 'replay' when only used steps do. */
function findMatch(ctx: ResolvedContext, list: Authenticator[], proof: MsChapV2Proof): ProofMatch | 'replay' | undefined {
  const satisfies = ntResponseMatcher(proof);
  let replay = false;
  for (const a of list) {
    let otp = '';
    const matches = (code: string): boolean => {
      if (!satisfies(code)) return false;
      otp = code;
      return true;
    };
    const r = kindOf(a.kind).verify(a, '', { now: ctx.now, policy: ctx.policy, matches });
    if (r.ok) return { a, otp, step: r.step, drift: r.drift };
    replay ||= r.replay;
  }
  return replay ? 'replay' : undefined;
}

/** Consume the step by compare-and-set, end the grace period, answer the authenticator response. */
async function accept(ctx: ResolvedContext, m: ProofMatch, proof: MsChapV2Proof): Promise<Verdict> {
  const { authenticators } = ctx.ports;
  if (!(await authenticators.advanceStep(m.a.id, m.step, m.drift))) return verdict('OTP_REPLAY', { serialNo: m.a.serial, fingerprint: proofTag(proof) });
  if (m.a.graceUntil !== null && m.a.graceUntil > ctx.now) await authenticators.endGracePeriod(m.a.id);
  const wantsCode = ctx.request.requestHostCode !== undefined && givesHostCode(m.a);
  return verdict('SUCCESS', {
    serialNo: m.a.serial,
    hostCode: wantsCode ? hostCode(m.a.secret, m.otp, m.a.digits) : undefined,
    mschapv2Success: generateAuthenticatorResponse(m.otp, proof),
  });
}

export const mschapv2: Flow = {
  name: 'mschapv2',
  matches: (ctx) => ctx.request.mschapv2 !== undefined,
  async run(ctx) {
    const proof = ctx.request.mschapv2!;
    const all = candidates(ctx);
    const refused = refusal(ctx, all);
    if (refused) return refused;
    const list = ctx.request.requestHostCode === 'required' ? all.filter(givesHostCode) : all;
    if (list.length === 0) return verdict('NO_DIGIPASS', { detail: 'no authenticator of this user can produce a host code' });
    const m = findMatch(ctx, list, proof);
    if (m === 'replay') return verdict('OTP_REPLAY', { fingerprint: proofTag(proof) });
    if (!m) return verdict('OTP_INCORRECT', { fingerprint: proofTag(proof) });
    return accept(ctx, m, proof);
  },
};
