// The resolving steps in their documented order (spec: flows.md §1, §2, §4): client, user, account
// status, authenticators. Each operation runs the prefix it needs; the first step that decides stops it.
import type { AuthContext, Verdict } from '../context.js';
import { accountStatus } from './account-status.js';
import { resolveAuthenticators } from './resolve-authenticators.js';
import { resolveClient } from './resolve-client.js';
import { resolveUser } from './resolve-user.js';

/** A step that needs no store answers at once; the others answer through a promise. */
export type Step = (ctx: AuthContext) => Verdict | undefined | Promise<Verdict | undefined>;

/** authUser: everything a flow needs. */
export const AUTH_STEPS: readonly Step[] = [resolveClient, resolveUser, accountStatus, resolveAuthenticators];
/** Operations on a user that need no authenticator (updatePassword). */
export const USER_STEPS: readonly Step[] = [resolveClient, resolveUser, accountStatus];
/** getChallenge for a user, after the client was resolved. */
export const USER_AUTHENTICATOR_STEPS: readonly Step[] = [resolveUser, accountStatus, resolveAuthenticators];

export async function runSteps(ctx: AuthContext, steps: readonly Step[]): Promise<Verdict | undefined> {
  for (const step of steps) {
    const answer = step(ctx);
    const stop = answer instanceof Promise ? await answer : answer;
    if (stop) return stop;
  }
  return undefined;
}
