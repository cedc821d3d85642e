// The resolving steps in their documented order (spec: flows.md §1, §2, §4): client, user, account
// status, authenticators. Each operation runs the prefix it needs; the first step that decides stops it.
import type { AuthContext, Verdict } from '../context.js';
import { accountStatus } from './account-status.js';
import { resolveAuthenticators } from './resolve-authenticators.js';
import { resolveClient } from './resolve-client.js';
import { resolveUser } from './resolve-user.js';

export type Step = (ctx: AuthContext) => Promise<Verdict | undefined>;

/** authUser: everything a flow needs. */
export const AUTH_STEPS: readonly Step[] = [resolveClient, resolveUser, accountStatus, resolveAuthenticators];
/** Operations on a user that need no authenticator (updatePassword). */
export const USER_STEPS: readonly Step[] = [resolveClient, resolveUser, accountStatus];
/** getChallenge for a user, after the client was resolved. */
export const USER_AUTHENTICATOR_STEPS: readonly Step[] = [resolveUser, accountStatus, resolveAuthenticators];

export async function runSteps(ctx: AuthContext, steps: readonly Step[]): Promise<Verdict | undefined> {
  for (const step of steps) {
    const stop = await step(ctx);
    if (stop) return stop;
  }
  return undefined;
}
