// getSecureChallenge, Secure Channel scan-and-login (spec: flows.md §6; soap-wire.md §4, §5): a
// transaction for the user's push device (or the one named by serial), stored as kind
// `secure-challenge` for the challenge lifetime. The answer is the request message: hex of the UTF-8
// text the device signs (the vendor's image format is proprietary; see decisions.ts). Audited like
// authUser; it checks no credential, so it never changes the lock count.
import type { AuthOutcome, AuthRequest, SecureChallengeRequest } from '../domain/request.js';
import { verdict, type AuthContext, type Verdict } from './context.js';
import { CHALLENGES_LIVE_PER_USER, PUSH_KEY_BYTES, secureChallengeMessage } from './decisions.js';
import { overBound } from './live-records.js';
import { isInvalid, type InvalidRequest } from './engine.js';
import { finish, refuse } from './outcome.js';
import type { Ports } from './ports.js';
import { isPushDevice, type PushPayload } from './push.js';
import { AUTH_STEPS, runSteps } from './steps/index.js';

async function decide(ctx: AuthContext, req: SecureChallengeRequest): Promise<Verdict> {
  const stop = await runSteps(ctx, AUTH_STEPS);
  if (stop) return stop;
  const devices = ctx.authenticators!.filter(isPushDevice);
  if (devices.length === 0) return verdict('NO_DIGIPASS', { detail: 'the user has no device that scans a Secure Channel message' });
  const user = ctx.user!;
  const refused = await overBound(ctx.ports, user.id, 'secure-challenge', CHALLENGES_LIVE_PER_USER, 'Secure Channel requests');
  if (refused) return refused;
  const key = ctx.ports.random.bytes(PUSH_KEY_BYTES).toString('base64url');
  const message = secureChallengeMessage(user.userId, user.domain, ctx.now, key, req.transactionTitle, req.requestBody);
  const payload: PushPayload = { message, userId: user.userId, domain: user.domain };
  await ctx.ports.pending.create({
    key, kind: 'secure-challenge', userRef: user.id, authenticatorRef: devices.length === 1 ? devices[0]!.id : null,
    componentType: req.componentType, createdAt: ctx.now, expiresAt: ctx.now + ctx.client!.policy.challengeLifetimeS * 1000,
    payload: { ...payload }, state: 'open',
  });
  return verdict('SUCCESS', { challengeKey: key, serialNo: devices[0]!.serial, requestMessage: Buffer.from(message, 'utf8').toString('hex').toUpperCase() });
}

export async function getSecureChallenge(ports: Ports, req: SecureChallengeRequest | InvalidRequest): Promise<AuthOutcome> {
  if (isInvalid(req)) return refuse(ports, req);
  const request: AuthRequest = {
    componentType: req.componentType, userId: req.userId, domain: req.domain, serialNo: req.serialNo,
    passwordFormat: 'combined', door: req.door, sourceAddress: req.sourceAddress,
  };
  const ctx: AuthContext = { request, now: ports.clock.now(), ports };
  return finish(ports, ctx, await decide(ctx, req));
}
