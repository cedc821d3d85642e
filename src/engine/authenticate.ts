// The authUser orchestrator (spec: flows.md §2–§8): a short list of named steps, then the first
// matching flow, then lockout accounting, generic-code masking and one audit record per request.
// createEngine also wires the other operations (getChallenge, updatePassword, the push device side),
// each in its own file.
import type { AuthRequest } from '../domain/request.js';
import type { AuthContext, ResolvedContext, Verdict } from './context.js';
import { isInvalid, type AuthEngine } from './engine.js';
import type { Ports } from './ports.js';
import { chooseFlow } from './flows/index.js';
import { finish, refuse, settle } from './outcome.js';
import { getChallenge } from './challenge.js';
import { updatePassword } from './update-password.js';
import { cancelAuthUser, getPreparedSecureChallenge } from './device.js';
import { getSecureChallenge } from './secure-challenge.js';
import { AUTH_STEPS, runSteps } from './steps/index.js';
import { DEFAULT_DOMAIN } from './steps/resolve-user.js';
import { createUserGate, userGateKey } from './user-gate.js';

export function createEngine(ports: Ports): AuthEngine {
  const gate = ports.turns ?? createUserGate();
  return {
    async authUser(request) {
      if (isInvalid(request)) return refuse(ports, request);
      const release = await gate.acquire(gateKey(request));
      try {
        const ctx: AuthContext = { request, now: ports.clock.now(), ports, releaseTurn: release };
        const decided = await decide(ctx);
        await settle(ctx, decided);
        release();
        return await finish(ports, ctx, decided);
      } finally {
        release();
      }
    },
    getChallenge: (request) => getChallenge(ports, request),
    updatePassword: (request) => updatePassword(ports, request, gate),
    getPreparedSecureChallenge: (request) => getPreparedSecureChallenge(ports, request),
    cancelAuthUser: (request) => cancelAuthUser(ports, request),
    getSecureChallenge: (request) => getSecureChallenge(ports, request),
  };
}

const gateKey = (r: Pick<AuthRequest, 'domain' | 'userId'>): string => userGateKey(r.domain || DEFAULT_DOMAIN, r.userId);

/** Runs once the user's turn came (the clock was read then, so the lock state and the time agree). */
async function decide(ctx: AuthContext): Promise<Verdict> {
  const stop = await runSteps(ctx, AUTH_STEPS);
  if (stop) return stop;
  const resolved = { ...ctx, policy: ctx.client!.policy } as ResolvedContext;
  return chooseFlow(resolved).run(resolved);
}

