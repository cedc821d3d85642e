// The OTP request page's engine operation (docs/virtual-otp.md; the vendor's OTP Request Website): the
// user name and password (or keyword) ask a virtual authenticator to send an OTP; the user then logs on
// as usual. Rate-limited and audited like authUser; a wrong password counts toward lockout.
import type { AuthOutcome } from '../domain/request.js';
import { withPolicy, type AuthContext } from './context.js';
import type { InvalidRequest } from './engine.js';
import { requestFromPage } from './flows/virtual.js';
import { finish, settle } from './outcome.js';
import type { Ports } from './ports.js';
import { guarded } from './rate-limit.js';
import { AUTH_STEPS, runSteps } from './steps/index.js';
import { DEFAULT_DOMAIN } from './steps/resolve-user.js';
import { createUserGate, userGateKey } from './user-gate.js';

export interface OtpRequest {
  readonly componentType: string;
  readonly userId: string;
  readonly domain?: string;
  /** The static password (primary), or the backup method's keyword and/or password. */
  readonly password: string;
  readonly sourceAddress?: string;
  readonly door: string;
}

export function createOtpRequester(ports: Ports): (request: OtpRequest | InvalidRequest) => Promise<AuthOutcome> {
  const gate = ports.turns ?? createUserGate();
  return guarded<OtpRequest>(ports, 'requestOtp', async (r) => {
    const release = await gate.acquire(userGateKey(r.domain || DEFAULT_DOMAIN, r.userId));
    try {
      const ctx: AuthContext = { request: { ...r, passwordFormat: 'combined' }, now: ports.clock.now(), ports };
      const v = (await runSteps(ctx, AUTH_STEPS)) ?? (await requestFromPage(withPolicy(ctx)));
      if (v.status !== 'OTP_SENT') await settle(ctx, v);
      return await finish(ports, ctx, v);
    } finally {
      release();
    }
  });
}
