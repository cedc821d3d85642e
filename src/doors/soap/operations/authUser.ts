// authUser (soap-wire.md §3–§5, flows.md §2): credentialAttributeSet → AuthRequest → engine →
// `authUserResponse` > `authUserResults` > `results`.
import { decodeAuthUser } from '../codec/decode-auth.js';
import { encodeAuthUserResponse } from '../codec/encode.js';
import { noteOutcome } from '../../../runtime/request-log.js';
import type { OperationHandler } from './operation.js';

export const authUser: OperationHandler = {
  name: 'authUser',
  container: 'credentialAttributeSet',
  async handle(request, ctx) {
    const decoded = decodeAuthUser(request.attributes, { sourceAddress: ctx.sourceAddress });
    const outcome = await ctx.engine.authUser(decoded, { held: ctx.held });
    noteOutcome(ctx.note, outcome);
    return encodeAuthUserResponse(outcome, ctx.catalogue);
  },
};
