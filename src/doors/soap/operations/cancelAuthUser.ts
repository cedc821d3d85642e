// cancelAuthUser (soap-wire.md §4 typed operations; flows.md §6): the push device rejects a pending
// transaction: componentType, serialNumber, challengeKeyMessage → status; the held authUser answers
// STAT_PUSH_REJECTED.
import { decodeDeviceRequest, encodeTypedResponse } from '../codec/typed.js';
import { noteOutcome } from '../../../runtime/request-log.js';
import type { OperationHandler } from './operation.js';

export const cancelAuthUser: OperationHandler = {
  name: 'cancelAuthUser',
  async handle(request, ctx) {
    const decoded = decodeDeviceRequest(request.children, 'challengeKeyMessage', ctx.sourceAddress);
    const outcome = await ctx.engine.cancelAuthUser!(decoded);
    noteOutcome(ctx.note, outcome);
    return encodeTypedResponse('cancelAuthUserResponse', outcome, ctx.catalogue);
  },
};
