// getPreparedSecureChallenge (soap-wire.md §4 typed operations; flows.md §6): the push device fetches
// its pending transaction once: componentType, serialNumber, challengeKey → status + result.
import { decodeDeviceRequest, encodeTypedResponse } from '../codec/typed.js';
import { noteOutcome } from '../../../runtime/request-log.js';
import type { OperationHandler } from './operation.js';

export const getPreparedSecureChallenge: OperationHandler = {
  name: 'getPreparedSecureChallenge',
  async handle(request, ctx) {
    const decoded = decodeDeviceRequest(request.children, 'challengeKey', ctx.sourceAddress);
    const outcome = await ctx.engine.getPreparedSecureChallenge!(decoded);
    noteOutcome(ctx.note, outcome);
    return encodeTypedResponse('getPreparedSecureChallengeResponse', outcome, ctx.catalogue);
  },
};
