// The authUser orchestrator (spec: flows.md §2–§4): a short list of named steps, then the first
// matching flow, then lockout accounting, generic-code masking and one audit record per request.
import type { AuthOutcome, AuthRequest } from '../domain/request.js';
import { STATUS, type StatusKey } from '../domain/status.js';
import type { Policy } from '../domain/model.js';
import type { AuthContext, ResolvedContext, Verdict } from './context.js';
import { isInvalid, type AuthEngine, type InvalidRequest } from './engine.js';
import type { Ports } from './ports.js';
import { chooseFlow } from './flows/index.js';
import { countsTowardLock, settleLock } from './policy/lockout.js';
import { resolveClient } from './steps/resolve-client.js';
import { resolveUser, DEFAULT_DOMAIN } from './steps/resolve-user.js';
import { accountStatus } from './steps/account-status.js';
import { resolveAuthenticators } from './steps/resolve-authenticators.js';

type Step = (ctx: AuthContext) => Promise<Verdict | undefined>;
const STEPS: readonly Step[] = [resolveClient, resolveUser, accountStatus, resolveAuthenticators];

export function createEngine(ports: Ports): AuthEngine {
  return {
    async authUser(request) {
      if (isInvalid(request)) return refuse(ports, request);
      const ctx: AuthContext = { request, now: ports.clock.now(), ports };
      const decided = await decide(ctx);
      if (ctx.user && ctx.client && (decided.status === 'SUCCESS' || countsTowardLock(decided.status))) {
        await settleLock(ports.users, ctx.user, ctx.client.policy, ctx.now, decided.status, decided.fingerprint);
      }
      return finish(ports, ctx, decided);
    },
  };
}

async function decide(ctx: AuthContext): Promise<Verdict> {
  for (const step of STEPS) {
    const stop = await step(ctx);
    if (stop) return stop;
  }
  const resolved = { ...ctx, policy: ctx.client!.policy } as ResolvedContext;
  return chooseFlow(resolved).run(resolved);
}

const masked = (status: StatusKey, policy: Policy | undefined): StatusKey =>
  policy?.genericStatusCodes && STATUS[status].generic ? 'INVCREDENTIALS' : status;

async function finish(ports: Ports, ctx: AuthContext, v: Verdict): Promise<AuthOutcome> {
  const r: AuthRequest = ctx.request;
  const domain = ctx.user?.domain ?? (r.domain || DEFAULT_DOMAIN);
  await ports.audit.record({
    at: ctx.now, door: r.door, componentType: r.componentType, domain, userId: r.userId,
    serialNo: v.serialNo ?? null, status: v.status, statusCode: STATUS[v.status].code,
    sourceAddress: r.sourceAddress ?? null, detail: v.detail ?? null,
  });
  const { fingerprint: _tag, ...shown } = v;
  return { ...shown, reported: masked(v.status, ctx.client?.policy), userId: ctx.user?.userId ?? r.userId, domain };
}

async function refuse(ports: Ports, r: InvalidRequest): Promise<AuthOutcome> {
  await ports.audit.record({
    at: ports.clock.now(), door: r.door, componentType: r.componentType ?? '', domain: r.domain ?? null,
    userId: r.userId ?? null, serialNo: null, status: r.invalid, statusCode: STATUS[r.invalid].code,
    sourceAddress: r.sourceAddress ?? null, detail: r.detail,
  });
  return { status: r.invalid, reported: r.invalid, userId: r.userId, domain: r.domain, detail: r.detail };
}
