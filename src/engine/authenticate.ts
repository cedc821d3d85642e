// The authUser orchestrator (spec: flows.md §2–§8): a short list of named steps, then the first
// matching flow, then lockout accounting, generic-code masking and one audit record per request.
// createEngine also wires the other operations (getChallenge, updatePassword, the push device side),
// each in its own file. Every operation passes the rate limits first (rate-limit.ts), here and only here.
import type { AuthOutcome, AuthRequest } from '../domain/request.js';
import { withPolicy, type AuthContext, type Verdict } from './context.js';
import type { AuthEngine, CallHooks } from './engine.js';
import type { Ports } from './ports.js';
import { runFlows } from './flows/index.js';
import { finish, settle } from './outcome.js';
import { getChallenge, isGeneralChallenge } from './challenge.js';
import { updatePassword } from './update-password.js';
import { cancelAuthUser, getPreparedSecureChallenge } from './device.js';
import { getSecureChallenge } from './secure-challenge.js';
import { AUTH_STEPS, runSteps } from './steps/index.js';
import { DEFAULT_DOMAIN } from './steps/resolve-user.js';
import { createUserGate, userGateKey, type UserGate } from './user-gate.js';
import { guarded } from './rate-limit.js';
import { createOtpRequester } from './request-otp.js';

export function createEngine(ports: Ports): AuthEngine {
  const gate = ports.turns ?? createUserGate();
  return {
    authUser: guarded(ports, 'authUser', (request, giveBack, hooks) => authUserInTurn(ports, gate, request, giveBack, hooks)),
    getChallenge: guarded(ports, 'getChallenge', (request) => getChallenge(ports, request), isGeneralChallenge),
    updatePassword: guarded(ports, 'updatePassword', (request) => updatePassword(ports, request, gate)),
    getPreparedSecureChallenge: guarded(ports, 'getPreparedSecureChallenge', (request) => getPreparedSecureChallenge(ports, request)),
    cancelAuthUser: guarded(ports, 'cancelAuthUser', (request) => cancelAuthUser(ports, request)),
    getSecureChallenge: guarded(ports, 'getSecureChallenge', (request) => getSecureChallenge(ports, request)),
    requestOtp: createOtpRequester(ports),
  };
}

/** authUser once admitted: in the user's turn; a call held for a device gives back turn and tokens, and tells the door. */
async function authUserInTurn(ports: Ports, gate: UserGate, request: AuthRequest, giveBack: () => void, hooks?: CallHooks): Promise<AuthOutcome> {
  const key = gateKey(request);
  const release = gate.tryAcquire(key) ?? await gate.acquire(key);
  try {
    const releaseTurn = () => { release(); giveBack(); hooks?.held?.(); };
    const ctx: AuthContext = { request, now: ports.clock.now(), ports, releaseTurn };
    const decided = await decide(ctx);
    const settling = settle(ctx, decided);
    if (settling) await settling;
    release();
    return await finish(ports, ctx, decided);
  } finally {
    release();
  }
}

const gateKey = (r: Pick<AuthRequest, 'domain' | 'userId'>): string => userGateKey(r.domain || DEFAULT_DOMAIN, r.userId);

/** Runs once the user's turn came (the clock was read then, so the lock state and the time agree). */
async function decide(ctx: AuthContext): Promise<Verdict> {
  const stop = await runSteps(ctx, AUTH_STEPS);
  if (stop) return stop;
  const resolved = withPolicy(ctx);
  return runFlows(resolved);
}

