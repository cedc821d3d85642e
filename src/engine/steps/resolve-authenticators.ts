// Step: the candidate authenticators: all of the user's (found with the user), or only CREDFLD_SERIAL_NO's (flows.md §2).
import { verdict, type AuthContext, type Verdict } from '../context.js';

export function resolveAuthenticators(ctx: AuthContext): Verdict | undefined {
  const all = ctx.authenticators!;
  const serial = ctx.request.serialNo?.toLowerCase();
  const named = serial ? all.filter((a) => a.serial.toLowerCase() === serial) : all;
  if (serial && named.length === 0) return verdict('NO_DIGIPASS', { detail: `no authenticator ${ctx.request.serialNo} is assigned to this user` });
  ctx.authenticators = named;
  return undefined;
}
