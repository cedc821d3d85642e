// Step: find the client record (component type) and through it the policy (spec: flows.md §1).
import { verdict, type AuthContext, type Verdict } from '../context.js';

export async function resolveClient(ctx: AuthContext): Promise<Verdict | undefined> {
  const client = await ctx.ports.clients.findClient(ctx.request.componentType);
  if (!client) return verdict('NOT_FOUND', { detail: `client component "${ctx.request.componentType}" is not registered` });
  ctx.client = client;
  return undefined;
}
