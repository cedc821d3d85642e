// POST /authentication/otp (spec: other-frontends.md §3), partial token: authUser (door rest-mfa, shared lockout and replay)
// with `otp` as typed on SOAP (server PIN + OTP); with `state` it answers that challenge; empty (or the push keyword) it
// starts a push held until the device answers. Success ends the partial token and answers a full one.
import type { IncomingMessage } from 'node:http';
import type { AuthRequest } from '../../../domain/request.js';
import type { RestContext } from '../context.js';
import { ApiError, readJson, type Reply } from './http.js';
import { MFA_DOOR, refusal } from './refusal.js';
import { consumeToken, issueToken, requireToken, type TokenClaims } from './tokens.js';
import { noteOf, noteOutcome } from '../../../runtime/request-log.js';

interface OtpBody { otp: string; state?: string }

/** The engine request: an answer to a challenge, a push request (empty otp), or an OTP. */
function requestOf(ctx: RestContext, req: IncomingMessage, claims: TokenClaims, body: OtpBody): AuthRequest {
  if (body.otp === '' && body.state !== undefined) throw new ApiError(422, 'validation-failed', 'the request body is not valid', [{ field: 'otp', message: 'is required with state' }]);
  const base = { componentType: ctx.componentType, userId: claims.userId, domain: claims.domain, door: MFA_DOOR, sourceAddress: req.socket.remoteAddress };
  if (body.otp === '') return { ...base, passwordFormat: 'combined', authType: 'PUSH' };
  const challengeKey = body.state === undefined ? undefined : Buffer.from(body.state, 'base64').toString('base64url');
  return { ...base, passwordFormat: 'combined', password: body.otp, challengeKey };
}

export async function verifyOtp(ctx: RestContext, req: IncomingMessage): Promise<Reply> {
  const claims = await requireToken(ctx, req, 'partial');
  const body = await readJson<OtpBody>(req, ctx.maxBodyBytes, 'MfaOtpRequest');
  const outcome = await ctx.engine.authUser(requestOf(ctx, req, claims, body));
  noteOutcome(noteOf(req), outcome);
  if (outcome.status !== 'SUCCESS') throw refusal(ctx, outcome);
  if (outcome.serialNo === undefined) throw new ApiError(401, 'authentication-failed', 'a second factor is required: a static password alone is not one');
  if (!(await consumeToken(ctx, claims))) throw new ApiError(401, 'invalid-token', 'unknown or already used token');
  const issued = await issueToken(ctx, 'full', { userId: outcome.userId ?? claims.userId, domain: outcome.domain ?? claims.domain, userRef: claims.userRef });
  return { status: 200, body: issued };
}
