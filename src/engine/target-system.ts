// The user password's target system (spec: other-frontends.md §1): the stored static password
// (argon2id), or, with policy targetSystem `ldap`, a directory bound as the user. A directory that does
// not answer (or none configured) is STAT_COMMS: a technical failure, never counted toward lockout.
import { verdict, type ResolvedContext, type Verdict } from './context.js';

export type PasswordCheck = 'ok' | 'wrong' | 'unreachable';

/** True when the user has a password to check at all (always, for a directory). */
export const hasUserPassword = (ctx: ResolvedContext): boolean =>
  ctx.policy.targetSystem === 'ldap' || ctx.user.staticPasswordHash !== null;

export async function checkUserPassword(ctx: ResolvedContext, given: string | undefined): Promise<PasswordCheck> {
  if (ctx.policy.targetSystem === 'ldap') {
    const directory = ctx.ports.directory;
    if (!directory) return 'unreachable';
    return given ? directory.verify({ domain: ctx.user.domain, userId: ctx.user.userId }, given) : 'wrong';
  }
  const hash = ctx.user.staticPasswordHash;
  if (hash === null || given === undefined) return 'wrong';
  return (await ctx.ports.hasher.verify(hash, given)) ? 'ok' : 'wrong';
}

export const unreachable = (serialNo?: string): Verdict =>
  verdict('COMMS', { serialNo, detail: 'the directory (target system) did not answer' });
