// Step: find the user in its domain (default `master`), case-insensitively (spec: flows.md §1), and
// all of the user's authenticators in the same lookup (narrowed by resolve-authenticators.ts). An
// unknown user costs the argon2id verify a known one would have (policy/equal-cost.ts).
import { verdict, type AuthContext, type Verdict } from '../context.js';
import { spendLikeKnownUser } from '../policy/equal-cost.js';

export const DEFAULT_DOMAIN = 'master';

export async function resolveUser(ctx: AuthContext): Promise<Verdict | undefined> {
  const domain = ctx.request.domain || DEFAULT_DOMAIN;
  const found = await ctx.ports.users.findUserAndAuthenticators(domain, ctx.request.userId);
  if (!found) {
    await spendLikeKnownUser(ctx.ports.hasher, ctx.request);
    return verdict('NO_USER');
  }
  ctx.user = found.user;
  ctx.authenticators = found.authenticators;
  return undefined;
}
