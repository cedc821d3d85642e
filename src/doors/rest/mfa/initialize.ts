// POST /authentication/otp/initialize (spec: other-frontends.md §3), partial token: AlreadySeeded, Secret (a first TOTP:
// base32 secret, otpauth:// URL, its QR as base64 JPEG), Challenge (state = base64 of the challenge key bytes) or Push
// (sendPassword always false: the password was proved by POST /authentication). `userPassword`, if given, is checked again.
import type { IncomingMessage } from 'node:http';
import type { MfaMethod } from '../../../engine/mfa.js';
import { encodeBase32, otpauthUri } from '../../../otp/base32.js';
import type { RestContext } from '../context.js';
import { qrJpegBase64 } from './barcode.js';
import { ApiError, readJson, type Reply } from './http.js';
import { MFA_DOOR, refusal } from './refusal.js';
import { requireToken, type TokenClaims } from './tokens.js';
import { noteOf, noteOutcome } from '../../../runtime/request-log.js';

interface InitializeBody { userPassword?: string }

/** The challenge key (base64url text) as the spec's `state`: standard base64 of its bytes. */
export const stateOf = (challengeKey: string): string => Buffer.from(challengeKey, 'base64url').toString('base64');

function answer(ctx: RestContext, claims: TokenClaims, m: MfaMethod): Record<string, unknown> {
  switch (m.type) {
    case 'AlreadySeeded': return { type: m.type };
    case 'Secret': {
      const otpAuthUrl = otpauthUri({ kind: 'totp', issuer: ctx.issuer, label: claims.userId, secret: m.secret, algorithm: m.algorithm, digits: m.digits, period: m.period });
      return { type: m.type, secret: encodeBase32(m.secret), otpAuthUrl, barcode: qrJpegBase64(otpAuthUrl) };
    }
    case 'Challenge': return { type: m.type, responseMessage: m.challengeMessage, state: stateOf(m.challengeKey), timeout: m.timeoutS };
    case 'Push': return { type: m.type, timeout: m.timeoutS, sendPassword: false };
  }
}

export async function initialize(ctx: RestContext, req: IncomingMessage): Promise<Reply> {
  const claims = await requireToken(ctx, req, 'partial');
  const body = await readJson<InitializeBody>(req, ctx.maxBodyBytes, 'MfaInitializeRequest', true);
  const { outcome, method } = await ctx.mfa.initialize({
    componentType: ctx.componentType, userId: claims.userId, domain: claims.domain, password: body.userPassword,
    door: MFA_DOOR, sourceAddress: req.socket.remoteAddress,
  });
  noteOutcome(noteOf(req), outcome);
  if (outcome.status === 'NO_DIGIPASS' && outcome.reported === 'NO_DIGIPASS') {
    throw new ApiError(403, 'self-enrolment-off', `the user has no authenticator and self-enrolment is off: ask an administrator to assign one (${ctx.catalogue.NO_DIGIPASS.name})`);
  }
  if (!method) throw refusal(ctx, outcome);
  return { status: 200, body: answer(ctx, claims, method) };
}
