// The authUser orchestrator (spec: flows.md §2–§8): a short list of named steps, then the first
// matching flow, then lockout accounting, generic-code masking and one audit record per request.
// createEngine also wires the other operations (getChallenge, updatePassword, the push device side),
// each in its own file.
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

export function createEngine(ports: Ports): AuthEngine {
  return {
    async authUser(request) {
      if (isInvalid(request)) return refuse(ports, request);
      const ctx: AuthContext = { request, now: ports.clock.now(), ports };
      const decided = await decide(ctx);
      await settle(ctx, decided);
      return finish(ports, ctx, decided);
    },
    getChallenge: (request) => getChallenge(ports, request),
    updatePassword: (request) => updatePassword(ports, request),
    getPreparedSecureChallenge: (request) => getPreparedSecureChallenge(ports, request),
    cancelAuthUser: (request) => cancelAuthUser(ports, request),
    getSecureChallenge: (request) => getSecureChallenge(ports, request),
  };
}

async function decide(ctx: AuthContext): Promise<Verdict> {
  const stop = await runSteps(ctx, AUTH_STEPS);
  if (stop) return stop;
  const resolved = { ...ctx, policy: ctx.client!.policy } as ResolvedContext;
  return chooseFlow(resolved).run(resolved);
}
