// logoff (soap-wire.md §4 admin shapes): ends the session named by `sessionID`.
import { logoff as logoffUseCase } from '../../../admin/session.js';
import { sessionIdOf } from '../codec/decode-admin.js';
import { adminOf, answer } from './admin-support.js';
import type { OperationHandler } from './operation.js';

export const logoff: OperationHandler = {
  name: 'logoff',
  async handle(request, ctx) {
    const result = await logoffUseCase(adminOf(ctx), sessionIdOf(request.children));
    return answer('logoff', 'Credential', result, () => [], ctx);
  },
};
