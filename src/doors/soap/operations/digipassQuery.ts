// digipassQuery (soap-wire.md §4 admin shapes; issue 5): authenticators matching the DIGIPASSFLD_*
// search attributes, one attributeList each; none → STAT_NOT_FOUND.
import { queryAuthenticators } from '../../../admin/query.js';
import { authenticatorAttributes } from './digipassExecute.js';
import type { OperationHandler } from './operation.js';
import { answerQuery } from './query-support.js';

export const digipassQuery: OperationHandler = {
  name: 'digipassQuery',
  container: 'attributeSet',
  handle: (request, ctx) => answerQuery({ op: 'digipassQuery', family: 'Digipass', run: queryAuthenticators, attributes: authenticatorAttributes }, request, ctx),
};
