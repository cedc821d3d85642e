// getChallenge (soap-wire.md §4, §5; flows.md §5 1-step): credentialAttributeSet → ChallengeRequest →
// engine → `getChallengeResponse` > `results` with CREDFLD_CHALLENGE, _KEY, _MESSAGE (and the serial).
import { decodeGetChallenge } from '../codec/decode-challenge.js';
import { encodeGetChallengeResponse } from '../codec/encode.js';
import { noteOutcome } from '../../../runtime/request-log.js';
import type { OperationHandler } from './operation.js';

export const getChallenge: OperationHandler = {
  name: 'getChallenge',
  container: 'credentialAttributeSet',
  async handle(request, ctx) {
    const decoded = decodeGetChallenge(request.attributes, { sourceAddress: ctx.sourceAddress });
    const outcome = await ctx.engine.getChallenge(decoded);
    noteOutcome(ctx.note, outcome);
    return encodeGetChallengeResponse(outcome, ctx.catalogue);
  },
};
