// updatePassword (spec: soap-wire.md §4, flows.md §1, §4): change a user's static password after
// proving the current one. New ≠ confirm (or an empty new password) changes nothing; a wrong current
// password is LOCAL_PASSWORD_MISMATCH and counts toward lockout; the new one is stored hashed.
import type { AuthOutcome, AuthRequest, PasswordChangeRequest } from '../domain/request.js';
import { verdict, type AuthContext, type Verdict } from './context.js';
import { fingerprint } from './credentials.js';
import { PASSWORD_RULE_STATUS } from './decisions.js';
import { isInvalid, type InvalidRequest } from './engine.js';
import { finish, refuse, settle } from './outcome.js';
import type { Ports } from './ports.js';
import { USER_STEPS, runSteps } from './steps/index.js';
import { DEFAULT_DOMAIN } from './steps/resolve-user.js';
import { userGateKey, type UserGate } from './user-gate.js';

/** The current password is checked in the user's turn of `gate`, like authUser's credentials. */
export async function updatePassword(ports: Ports, request: PasswordChangeRequest | InvalidRequest, gate?: UserGate): Promise<AuthOutcome> {
  if (isInvalid(request)) return refuse(ports, request);
  const release = await gate?.acquire(userGateKey(request.domain || DEFAULT_DOMAIN, request.userId));
  try {
    const ctx: AuthContext = { request: asAuthRequest(request), now: ports.clock.now(), ports };
    const decided = await decide(ctx, request);
    await settle(ctx, decided);
    release?.();
    return await finish(ports, ctx, decided);
  } finally {
    release?.();
  }
}

/** The steps and the audit read client, user and domain; the current password rides as format 4. */
function asAuthRequest(r: PasswordChangeRequest): AuthRequest {
  return {
    componentType: r.componentType, userId: r.userId, domain: r.domain, passwordFormat: 'separate',
    staticPassword: r.staticPassword, door: r.door, sourceAddress: r.sourceAddress,
  };
}

function ruleBroken(r: PasswordChangeRequest): Verdict | undefined {
  if (r.newStaticPassword !== r.confirmStaticPassword) return verdict(PASSWORD_RULE_STATUS, { detail: 'the new static password and its confirmation differ' });
  if (r.newStaticPassword === '') return verdict(PASSWORD_RULE_STATUS, { detail: 'the new static password is empty' });
  return undefined;
}

async function decide(ctx: AuthContext, r: PasswordChangeRequest): Promise<Verdict> {
  const stop = (await runSteps(ctx, USER_STEPS)) ?? ruleBroken(r);
  if (stop) return stop;
  const { hasher, users } = ctx.ports;
  const user = ctx.user!;
  if (user.staticPasswordHash === null || !(await hasher.verify(user.staticPasswordHash, r.staticPassword))) {
    return verdict('LOCAL_PASSWORD_MISMATCH', { fingerprint: fingerprint(ctx.request) });
  }
  await users.setStaticPassword(user.id, await hasher.hash(r.newStaticPassword));
  return verdict('SUCCESS');
}
