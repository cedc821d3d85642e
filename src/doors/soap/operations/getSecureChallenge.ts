// getSecureChallenge (soap-wire.md §4, §5; flows.md §6 Secure Channel): credentialAttributeSet →
// SecureChallengeRequest → engine → `getSecureChallengeRespond` > `results`.
import { decodeGetSecureChallenge, encodeGetSecureChallengeRespond } from '../codec/secure-challenge.js';
import type { OperationHandler } from './operation.js';

export const getSecureChallenge: OperationHandler = {
  name: 'getSecureChallenge',
  container: 'credentialAttributeSet',
  async handle(request, ctx) {
    const decoded = decodeGetSecureChallenge(request.attributes, { sourceAddress: ctx.sourceAddress });
    return encodeGetSecureChallengeRespond(await ctx.engine.getSecureChallenge!(decoded), ctx.catalogue);
  },
};
