// getChallenge, 1-step challenge/response (spec: flows.md §5): resolves the client, and the user or
// the serial when given; refuses while the policy's 1-step mode is `No`; stores a challenge record
// (store, not memory) that any server node can take the answer for. Audited like authUser; it checks
// no credential, so it never changes the lock count.
import type { AuthOutcome, AuthRequest, ChallengeRequest } from '../domain/request.js';
import { answersChallenges, issueChallenge, type ChallengeTarget } from './challenges.js';
import { verdict, type AuthContext, type Verdict } from './context.js';
import { CHALLENGE_REFUSED, GENERAL_CHALLENGE_KEEPS_TOKEN } from './decisions.js';
import { isInvalid, type InvalidRequest } from './engine.js';
import { finish, refuse } from './outcome.js';
import type { Ports } from './ports.js';
import { USER_AUTHENTICATOR_STEPS, runSteps } from './steps/index.js';
import { resolveClient } from './steps/resolve-client.js';

export async function getChallenge(ports: Ports, request: ChallengeRequest | InvalidRequest): Promise<AuthOutcome> {
  if (isInvalid(request)) return refuse(ports, request);
  const ctx: AuthContext = { request: asAuthRequest(request), now: ports.clock.now(), ports };
  return finish(ports, ctx, await decide(ctx));
}

/** A general challenge was issued (no user, no serial): it keeps its rate-limit token (decisions.ts). */
export const isGeneralChallenge = (o: AuthOutcome): boolean =>
  GENERAL_CHALLENGE_KEEPS_TOKEN && o.status === 'SUCCESS' && o.serialNo === undefined;

/** The steps read component type, user, domain and serial; the rest of an AuthRequest stays empty. */
function asAuthRequest(r: ChallengeRequest): AuthRequest {
  return {
    componentType: r.componentType, userId: r.userId ?? '', domain: r.domain, serialNo: r.serialNo,
    passwordFormat: 'combined', door: r.door, sourceAddress: r.sourceAddress,
  };
}

async function decide(ctx: AuthContext): Promise<Verdict> {
  const stop = await resolveClient(ctx);
  if (stop) return stop;
  const policy = ctx.client!.policy;
  if (policy.challengeMode === 'No') {
    return verdict(CHALLENGE_REFUSED, { detail: `1-step challenge/response is off in policy "${policy.name}"` });
  }
  const target = await targetOf(ctx);
  if ('status' in target) return target;
  const issued = await issueChallenge(ctx.ports, ctx.now, policy, ctx.request.componentType, target, { purpose: '1-step' });
  if ('status' in issued) return issued;
  return verdict('SUCCESS', { ...issued, serialNo: target.authenticator?.serial });
}

/** A user's first challenge-capable authenticator, the one named by serial, or none (general). */
async function targetOf(ctx: AuthContext): Promise<ChallengeTarget | Verdict> {
  const { userId, serialNo } = ctx.request;
  if (userId) {
    const stop = await runSteps(ctx, USER_AUTHENTICATOR_STEPS);
    if (stop) return stop;
    const a = ctx.authenticators!.find(answersChallenges);
    if (!a) return verdict('NO_DIGIPASS', { detail: 'the user has no authenticator that answers challenges' });
    return { userRef: ctx.user!.id, authenticator: a };
  }
  if (serialNo) {
    const a = await ctx.ports.authenticators.findBySerial(serialNo);
    if (!a || a.userRef === null || !answersChallenges(a)) {
      return verdict('NOT_FOUND', { detail: `no assigned authenticator ${serialNo} that answers challenges` });
    }
    return { userRef: a.userRef, authenticator: a };
  }
  return { userRef: null, authenticator: null };
}
