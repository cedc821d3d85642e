// The operations the SOAP door answers (soap-wire.md §4): add an operation by adding its file and
// listing it here.
import { authUser } from './authUser.js';
import { getChallenge } from './getChallenge.js';
import { updatePassword } from './updatePassword.js';
import { getPreparedSecureChallenge } from './getPreparedSecureChallenge.js';
import { cancelAuthUser } from './cancelAuthUser.js';
import { getSecureChallenge } from './getSecureChallenge.js';
import { logon } from './logon.js';
import { logoff } from './logoff.js';
import { sessionalive } from './sessionalive.js';
import { userExecute } from './userExecute.js';
import { digipassExecute } from './digipassExecute.js';
import { userQuery } from './userQuery.js';
import { digipassQuery } from './digipassQuery.js';
import { digipassapplExecute } from './digipassapplExecute.js';
import { componentExecute } from './componentExecute.js';
import { policyExecute } from './policyExecute.js';
import { operationRegistry, type OperationRegistry } from './operation.js';

export const defaultOperations = (): OperationRegistry => operationRegistry([authUser, getChallenge, updatePassword, getPreparedSecureChallenge, cancelAuthUser, getSecureChallenge,
  logon, logoff, sessionalive, userExecute, digipassExecute, userQuery, digipassQuery,
  digipassapplExecute, componentExecute, policyExecute]);
