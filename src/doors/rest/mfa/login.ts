// POST /authentication (spec: other-frontends.md §3): username, password and optional domain; the
// password is checked by the engine against the user's target system (static password or LDAP), a
// wrong one counts toward the user's lock. Success answers a partial token.
import type { IncomingMessage } from 'node:http';
import type { RestContext } from '../context.js';
import { readJson, type Reply } from './http.js';
import { MFA_DOOR, refusal } from './refusal.js';
import { issueToken } from './tokens.js';
import { noteOf, noteOutcome } from '../../../runtime/request-log.js';

interface LoginBody { username: string; password: string; domain?: string }

export async function login(ctx: RestContext, req: IncomingMessage): Promise<Reply> {
  const body = await readJson<LoginBody>(req, ctx.maxBodyBytes, 'MfaLoginRequest');
  const domain = body.domain ?? ctx.domain;
  const outcome = await ctx.mfa.passwordLogin({
    componentType: ctx.componentType, userId: body.username, domain, password: body.password, door: MFA_DOOR,
    sourceAddress: req.socket.remoteAddress,
  });
  noteOutcome(noteOf(req), outcome);
  if (outcome.status !== 'SUCCESS') throw refusal(ctx, outcome);
  const issued = await issueToken(ctx, 'partial', { userId: outcome.userId ?? body.username, domain: outcome.domain ?? domain, userRef: null });
  return { status: 200, body: issued };
}
