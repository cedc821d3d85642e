// Which of the user's authenticators a flow may use, by capability (spec: flows.md §1–§2).
import type { Authenticator, LocalAuthMode } from '../../domain/model.js';
import { kindOf, type Capabilities } from '../../authenticators/index.js';
import type { ResolvedContext } from '../context.js';

export const usable = (a: Authenticator): boolean => !a.disabled && !a.locked;

export function withCapability(ctx: ResolvedContext, capability: keyof Capabilities): Authenticator[] {
  return ctx.authenticators.filter((a) => usable(a) && kindOf(a.kind).capabilities[capability]);
}

/** Whether withCapability would find any (flows ask on every request: no array is built). */
export function hasCapability(ctx: ResolvedContext, capability: keyof Capabilities): boolean {
  for (const a of ctx.authenticators) if (usable(a) && kindOf(a.kind).capabilities[capability]) return true;
  return false;
}

export function localAuthMode(ctx: ResolvedContext): LocalAuthMode {
  return ctx.user.localAuth === 'Default' ? ctx.policy.localAuthDefault : ctx.user.localAuth;
}
