// updatePassword (soap-wire.md §4, §5): credentialAttributeSet → PasswordChangeRequest → engine →
// `updatePasswordResponse` > `results`.
import { decodeUpdatePassword } from '../codec/decode-password.js';
import { encodeUpdatePasswordResponse } from '../codec/encode.js';
import { noteOutcome } from '../../../runtime/request-log.js';
import type { OperationHandler } from './operation.js';

export const updatePassword: OperationHandler = {
  name: 'updatePassword',
  container: 'credentialAttributeSet',
  async handle(request, ctx) {
    const decoded = decodeUpdatePassword(request.attributes, { sourceAddress: ctx.sourceAddress });
    const outcome = await ctx.engine.updatePassword(decoded);
    noteOutcome(ctx.note, outcome);
    return encodeUpdatePasswordResponse(outcome, ctx.catalogue);
  },
};
