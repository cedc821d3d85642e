// sessionalive (soap-wire.md §4 admin shapes): STAT_SUCCESS while the session named by `sessionID` is
// open and unexpired, STAT_ADMIN_SESSION_STOPPED otherwise.
import { sessionAlive } from '../../../admin/session.js';
import { sessionIdOf } from '../codec/decode-admin.js';
import { adminOf, answer } from './admin-support.js';
import type { OperationHandler } from './operation.js';

export const sessionalive: OperationHandler = {
  name: 'sessionalive',
  async handle(request, ctx) {
    const result = await sessionAlive(adminOf(ctx), sessionIdOf(request.children));
    return answer('sessionalive', 'Credential', result, () => [], ctx);
  },
};
