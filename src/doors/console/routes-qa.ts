// Console API, QA helpers (issue 21; only with the demo data or COUNTERSIGN_CONSOLE_QA=on): the current
// codes of the demo seed's tokens that hold published test keys, and the server clock's mode. The
// "send this authUser" form needs no route: the page posts the envelope to the SOAP endpoint itself.
import { demoCodes } from '../../admin/demo-otp.js';
import { succeed } from '../../admin/services.js';
import { ConsoleError, resultReply } from './http.js';
import type { Call, Route } from './route.js';

async function qa(call: Call) {
  const helpers = call.deps.qa;
  if (!helpers) throw new ConsoleError(404, 'NOT_FOUND', 'The QA helpers are off (they need the demo data or COUNTERSIGN_CONSOLE_QA=on)');
  const codes = await demoCodes(call.deps.admin, helpers.demoSerials, await helpers.policy());
  return resultReply(call.deps.catalogue, succeed({ clock: helpers.clockMode, now: new Date(call.deps.clock.now()).toISOString(), codes }));
}

export const QA_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/qa', operationId: 'consoleQa', summary: 'QA helpers: the server clock and the current codes of the demo tokens', answer: 'ConsoleQa', handle: qa },
];
