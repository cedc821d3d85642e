// Step: find the user in its domain (default `master`), case-insensitively (spec: flows.md §1).
import { verdict, type AuthContext, type Verdict } from '../context.js';

export const DEFAULT_DOMAIN = 'master';

export async function resolveUser(ctx: AuthContext): Promise<Verdict | undefined> {
  const domain = ctx.request.domain || DEFAULT_DOMAIN;
  const user = await ctx.ports.users.findUser(domain, ctx.request.userId);
  if (!user) return verdict('NO_USER');
  ctx.user = user;
  return undefined;
}
