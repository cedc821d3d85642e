// Flow: 1-step challenge/response and the second leg of 2-step (spec: flows.md §5): authUser with a
// server challenge key, or (policy `Any Challenge`) a client-chosen challenge, and the OCRA response,
// behind the server PIN when the authenticator has one. A key answers once: its record moves
// open → used by compare-and-set before the response is checked; a client challenge is claimed once
// per authenticator after its response verified.
import type { Authenticator } from '../../domain/model.js';
import { challengeFits, kindOf, suiteOf } from '../../authenticators/index.js';
import { answersChallenges, challengePayloadOf, claimClientChallenge, type ChallengePayload } from '../challenges.js';
import { fingerprint, presentedFor } from '../credentials.js';
import { verdict, type ResolvedContext, type Verdict } from '../context.js';
import { CHALLENGE_REFUSED } from '../decisions.js';
import type { Flow } from './flow.js';
import { accept, type Match } from './response-only.js';

/** Unknown, used, foreign and non-challenge keys all answer alike: nothing is revealed. */
const UNKNOWN_KEY = verdict('NOT_FOUND', { detail: 'unknown or already used challenge key' });
const NONE_ANSWERS = verdict('NO_DIGIPASS', { detail: 'the user has no authenticator that answers challenges' });
const FORMAT_WORDS = { N: 'digits', H: 'hexadecimal digits', A: 'characters' } as const;

interface Open { readonly payload: ChallengePayload; readonly list: Authenticator[] }

async function openKey(ctx: ResolvedContext, key: string): Promise<Open | Verdict> {
  const record = await ctx.ports.pending.find(key);
  const payload = record ? challengePayloadOf(record) : undefined;
  if (!record || !payload || record.state !== 'open' || (record.userRef !== null && record.userRef !== ctx.user.id)) return UNKNOWN_KEY;
  const own = ctx.authenticators.filter((a) => record.authenticatorRef === null || a.id === record.authenticatorRef);
  if (record.authenticatorRef !== null && own.length === 0) return UNKNOWN_KEY;
  const list = own.filter(answersChallenges);
  if (list.length === 0) return record.authenticatorRef === null ? NONE_ANSWERS : verdict('DIGIPASS_LOCKED');
  if (ctx.now >= record.expiresAt) return verdict('EXP_CHALLENGE');
  if (payload.purpose === '1-step' && ctx.policy.challengeMode === 'No') {
    return verdict(CHALLENGE_REFUSED, { detail: `1-step challenge/response is off in policy "${ctx.policy.name}"` });
  }
  return { payload, list };
}

/** The first authenticator whose response to `challenge` verifies; with `pinVerified`, no PIN in front. */
function findAnswer(ctx: ResolvedContext, list: Authenticator[], challenge: string, pinVerified: boolean): Match | 'replay' | undefined {
  let replay = false;
  for (const original of list) {
    const a = pinVerified ? { ...original, pinEnabled: false } : original;
    const kind = kindOf(a.kind);
    const p = presentedFor(ctx.request, kind.otpLength(a), a, ctx.policy);
    if (!p) continue;
    const r = kind.verify(a, p.otp, { now: ctx.now, policy: ctx.policy, challenge });
    if (r.ok) return { a, p, step: r.step, drift: r.drift };
    replay ||= r.replay;
  }
  return replay ? 'replay' : undefined;
}

function wrongAnswer(ctx: ResolvedContext, m: 'replay' | undefined): Verdict {
  return verdict(m === 'replay' ? 'OTP_REPLAY' : 'OTP_INCORRECT', { fingerprint: fingerprint(ctx.request) });
}

async function byKey(ctx: ResolvedContext, key: string): Promise<Verdict> {
  const open = await openKey(ctx, key);
  if ('status' in open) return open;
  if (!(await ctx.ports.pending.transition(key, 'open', 'used'))) return UNKNOWN_KEY;
  const m = findAnswer(ctx, open.list, open.payload.challenge, open.payload.pinVerified === true);
  return m === 'replay' || m === undefined ? wrongAnswer(ctx, m) : accept(ctx, m);
}

/** A client challenge must have the suite's format and exactly its length. */
function fitsExactly(a: Authenticator, challenge: string): boolean {
  const suite = suiteOf(a)!;
  return challenge.length === suite.challenge.length && challengeFits(suite, challenge);
}

async function byClientChallenge(ctx: ResolvedContext, challenge: string): Promise<Verdict> {
  if (ctx.policy.challengeMode !== 'Any Challenge') {
    return verdict(CHALLENGE_REFUSED, { detail: `client-chosen challenges need the 1-step mode "Any Challenge" (policy "${ctx.policy.name}")` });
  }
  const all = ctx.authenticators.filter(answersChallenges);
  if (all.length === 0) return NONE_ANSWERS;
  const list = all.filter((a) => fitsExactly(a, challenge));
  if (list.length === 0) {
    const spec = suiteOf(all[0]!)!.challenge;
    return verdict('INVDATA', { detail: `the challenge must be ${spec.length} ${FORMAT_WORDS[spec.format]}` });
  }
  const m = findAnswer(ctx, list, challenge, false);
  if (m === 'replay' || m === undefined) return wrongAnswer(ctx, m);
  if (!(await claimClientChallenge(ctx.ports, ctx.now, ctx.policy, m.a, challenge, ctx.request.componentType))) {
    return verdict('OTP_REPLAY', { serialNo: m.a.serial, fingerprint: fingerprint(ctx.request) });
  }
  return accept(ctx, m);
}

export const challengeResponse: Flow = {
  name: 'challenge-response',
  matches: (ctx) => ctx.request.challengeKey !== undefined || ctx.request.challenge !== undefined,
  run: (ctx) => (ctx.request.challengeKey !== undefined ? byKey(ctx, ctx.request.challengeKey) : byClientChallenge(ctx, ctx.request.challenge!)),
};
