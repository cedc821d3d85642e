// userQuery (soap-wire.md §4 admin shapes; issue 5): users matching the USERFLD_* search attributes,
// one attributeList each; none → STAT_NOT_FOUND.
import { queryUsers } from '../../../admin/query.js';
import type { OperationHandler } from './operation.js';
import { answerQuery } from './query-support.js';
import { userAttributes } from './userExecute.js';

export const userQuery: OperationHandler = {
  name: 'userQuery',
  container: 'attributeSet',
  handle: (request, ctx) => answerQuery({ op: 'userQuery', family: 'User', run: queryUsers, attributes: userAttributes }, request, ctx),
};
