// Console API, QA helpers (issue 21; only with the demo data or COUNTERSIGN_CONSOLE_QA=on): the current
// codes of the demo seed's tokens that hold published test keys, the server clock's mode, and the
// authUser envelope of the "send this authUser" form (built by the SOAP codec; the page posts it to the
// SOAP endpoint itself and shows it with the answer).
import { demoCodes } from '../../admin/demo-otp.js';
import { succeed } from '../../admin/services.js';
import { ConsoleError, resultReply } from './http.js';
import { field, type Call, type Route } from './route.js';

function helpersOf(call: Call) {
  const helpers = call.deps.qa;
  if (!helpers) throw new ConsoleError(404, 'NOT_FOUND', 'The QA helpers are off (they need the demo data or COUNTERSIGN_CONSOLE_QA=on)');
  return helpers;
}

async function qa(call: Call) {
  const helpers = helpersOf(call);
  const codes = await demoCodes(call.deps.admin, helpers.demoSerials, await helpers.policy());
  return resultReply(call.deps.catalogue, succeed({ clock: helpers.clockMode, now: new Date(call.deps.clock.now()).toISOString(), codes }));
}

async function envelope(call: Call) {
  const fields = Object.fromEntries(['componentType', 'userId', 'domain', 'password'].map((k) => [k, field(call, k) ?? '']));
  return resultReply(call.deps.catalogue, succeed({ request: helpersOf(call).authUserEnvelope(fields) }));
}

export const QA_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/qa', operationId: 'consoleQa', summary: 'QA helpers: the server clock and the current codes of the demo tokens', answer: 'ConsoleQa', handle: qa },
  { method: 'POST', path: '/qa/authuser', operationId: 'consoleQaAuthUserEnvelope', summary: 'QA helpers: the authUser envelope of these fields (the page sends it to the SOAP endpoint)',
    body: 'ConsoleQaAuthUser', answer: 'ConsoleQaEnvelope', handle: envelope },
];
