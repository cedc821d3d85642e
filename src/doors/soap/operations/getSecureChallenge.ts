// getSecureChallenge (soap-wire.md §4, §5; flows.md §6 Secure Channel): credentialAttributeSet →
// SecureChallengeRequest → engine → `getSecureChallengeRespond` > `results`.
import { decodeGetSecureChallenge, encodeGetSecureChallengeRespond } from '../codec/secure-challenge.js';
import { noteOutcome } from '../../../runtime/request-log.js';
import type { OperationHandler } from './operation.js';

export const getSecureChallenge: OperationHandler = {
  name: 'getSecureChallenge',
  container: 'credentialAttributeSet',
  async handle(request, ctx) {
    const decoded = decodeGetSecureChallenge(request.attributes, { sourceAddress: ctx.sourceAddress });
    const outcome = await ctx.engine.getSecureChallenge!(decoded);
    noteOutcome(ctx.note, outcome);
    return encodeGetSecureChallengeRespond(outcome, ctx.catalogue);
  },
};
