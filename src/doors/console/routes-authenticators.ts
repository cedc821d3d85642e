// Console API, authenticators (issue 21): search, view, assign/unassign, set or reset the server PIN,
// each one admin use case of src/admin (the CLI's and admin SOAP's).
import { resetAuthenticatorPin, setAuthenticatorPin } from '../../admin/authenticator.js';
import { assignAuthenticator, unassignAuthenticator, viewAuthenticator } from '../../admin/digipass.js';
import { queryAuthenticators, type Criterion } from '../../admin/query.js';
import { succeed } from '../../admin/services.js';
import { intParam, resultReply, textParam } from './http.js';
import { audited, field, userObject, type Call, type Route } from './route.js';

async function search(call: Call) {
  const q = textParam(call.url, 'q');
  const assigned = textParam(call.url, 'assigned');
  const criteria: Criterion[] = [
    ...(q ? [{ field: 'serial', value: `*${q}*` }] : []),
    ...(assigned === 'true' || assigned === 'false' ? [{ field: 'assignStatus', value: assigned === 'true' ? 'Assigned' : 'Unassigned' }] : []),
  ];
  const page = { offset: intParam(call.url, 'offset', 0, 0, 1_000_000), count: intParam(call.url, 'limit', 50, 1, 1000) };
  const found = await queryAuthenticators(call.deps.admin, criteria, page);
  if (!found.ok && found.status === 'NOT_FOUND') return resultReply(call.deps.catalogue, succeed([]));
  return resultReply(call.deps.catalogue, found);
}

const serialOf = (call: Call): string => call.params.serial ?? '';

async function assign(call: Call) {
  const user = { userId: field(call, 'userId'), domain: field(call, 'domain') };
  const grace = typeof call.body.graceDays === 'number' ? call.body.graceDays : undefined;
  const result = await assignAuthenticator(call.deps.admin, serialOf(call), user, grace);
  return audited(call, 'authenticator assign', `${serialOf(call)} ${userObject(user.domain, user.userId)}`, result);
}

const AUTH = '/authenticators/{serial}';

export const AUTHENTICATOR_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/authenticators', operationId: 'consoleAuthenticatorSearch', summary: 'Search authenticators by serial (`q`, `*` wildcard)',
    answer: 'ConsoleAuthenticatorList', query: { q: 'Part of the serial number', assigned: '`true` or `false`: only assigned or unassigned ones', offset: 'Rows to skip', limit: 'At most this many (1-1000, default 50)' },
    handle: search },
  { method: 'GET', path: AUTH, operationId: 'consoleAuthenticatorView', summary: 'An authenticator', answer: 'ConsoleAuthenticator',
    handle: async (call) => resultReply(call.deps.catalogue, await viewAuthenticator(call.deps.admin, serialOf(call))) },
  { method: 'PUT', path: `${AUTH}/user`, operationId: 'consoleAuthenticatorAssign', summary: 'Assign to a user', body: 'ConsoleAssign', answer: 'ConsoleAuthenticator', handle: assign },
  { method: 'DELETE', path: `${AUTH}/user`, operationId: 'consoleAuthenticatorUnassign', summary: 'Unassign from its user', answer: 'ConsoleAuthenticator',
    handle: async (call) => audited(call, 'authenticator unassign', serialOf(call), await unassignAuthenticator(call.deps.admin, serialOf(call))) },
  { method: 'PUT', path: `${AUTH}/pin`, operationId: 'consoleAuthenticatorSetPin', summary: 'Set the server PIN', body: 'ConsolePin', answer: 'ConsoleAuthenticator',
    handle: async (call) => audited(call, 'authenticator set-pin', serialOf(call), await setAuthenticatorPin(call.deps.admin, serialOf(call), field(call, 'pin') ?? '')) },
  { method: 'DELETE', path: `${AUTH}/pin`, operationId: 'consoleAuthenticatorResetPin', summary: 'Reset the server PIN: the user chooses a new one at the next logon',
    answer: 'ConsoleAuthenticator',
    handle: async (call) => audited(call, 'authenticator reset-pin', serialOf(call), await resetAuthenticatorPin(call.deps.admin, serialOf(call))) },
];
