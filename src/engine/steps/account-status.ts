// Step: account status in the documented order: disabled, locked, expired (spec: flows.md §2, §4).
// An auto-lock whose time has passed lets one attempt through; lockout.ts decides what follows.
import { verdict, type AuthContext, type Verdict } from '../context.js';

export function accountStatus(ctx: AuthContext): Verdict | undefined {
  const user = ctx.user!;
  if (user.disabled) return verdict('DISABLED');
  if (user.locked && (user.lockedUntil === null || ctx.now < user.lockedUntil)) return verdict('LOCKED');
  if (user.expiresAt !== null && ctx.now >= user.expiresAt) return verdict('USER_EXPIRED');
  return undefined;
}
