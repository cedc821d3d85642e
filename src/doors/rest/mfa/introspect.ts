// GET /authentication (an addition to other-frontends.md §3): what a bearer token of the MFA API stands
// for, so the gateway (or a service behind it) can check a full token: user, domain, stage, seconds left.
import type { IncomingMessage } from 'node:http';
import type { RestContext } from '../context.js';
import type { Reply } from './http.js';
import { requireToken } from './tokens.js';

export async function introspect(ctx: RestContext, req: IncomingMessage): Promise<Reply> {
  const claims = await requireToken(ctx, req, 'any');
  const expiresIn = Math.max(1, Math.ceil((claims.expiresAt - ctx.clock.now()) / 1000));
  return { status: 200, body: { username: claims.userId, domain: claims.domain, stage: claims.stage, expiresIn } };
}
