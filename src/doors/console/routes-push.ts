// Console API, pending push transactions (issue 21; flows.md §6): the live transactions of the store,
// oldest first, and, only while the device simulator is on, approving or denying one exactly as the
// device would (src/device/simulator.ts signs with the device secret), which releases the held call.
import type { DeviceAnswer } from '../../device/simulator.js';
import { fail, succeed, type AdminResult, type AdminServices } from '../../admin/services.js';
import { pushPayloadOf } from '../../engine/push.js';
import type { PendingRecord } from '../../engine/ports.js';
import { ConsoleError, resultReply } from './http.js';
import { audited, field, type Call, type Route } from './route.js';

export const MAX_LISTED_PUSHES = 200;

/** The serials that may answer a transaction: its device, or every push device of its user. */
async function serialsOf(svc: AdminServices, r: PendingRecord): Promise<string[]> {
  if (r.authenticatorRef) {
    const all = r.userRef ? await svc.store.listForUser(r.userRef) : [];
    return all.filter((a) => a.id === r.authenticatorRef).map((a) => a.serial);
  }
  return r.userRef ? (await svc.store.listForUser(r.userRef)).filter((a) => a.kind === 'push').map((a) => a.serial) : [];
}

async function list(call: Call) {
  const svc = call.deps.admin;
  const records = await svc.store.listOpenPush(call.deps.clock.now(), MAX_LISTED_PUSHES);
  const rows = [];
  for (const r of records) {
    const p = pushPayloadOf(r);
    if (!p) continue;
    rows.push({
      ...(call.deps.device ? { challengeKey: r.key } : {}), userId: p.userId, domain: p.domain, componentType: r.componentType, state: r.state,
      message: p.message, serials: await serialsOf(svc, r), createdAt: new Date(r.createdAt).toISOString(), expiresAt: new Date(r.expiresAt).toISOString(),
    });
  }
  return resultReply(call.deps.catalogue, succeed({ deviceSimulator: Boolean(call.deps.device), transactions: rows }));
}

const outcomeOf = (call: Call, a: DeviceAnswer): AdminResult<{ status: string; statusCode: number; detail: string | null }> => {
  const row = call.deps.catalogue[a.outcome.reported];
  const shown = { status: row.name, statusCode: row.code, detail: a.outcome.detail ?? null };
  return a.outcome.status === 'SUCCESS' ? succeed(shown) : fail(a.outcome.status === 'NOT_FOUND' ? 'NOT_FOUND' : 'ERROR', `The device answer was refused: ${row.name}${a.outcome.detail ? ` (${a.outcome.detail})` : ''}`);
};

function answer(action: 'approve' | 'reject') {
  return async (call: Call) => {
    const device = call.deps.device;
    if (!device) throw new ConsoleError(409, 'ERROR', 'The push device simulator is off: set COUNTERSIGN_DEVICE_SIMULATOR=1 to answer pushes from the console');
    const serial = field(call, 'serial') ?? '';
    const a = await device[action](serial, call.params.key);
    return audited(call, `push ${action === 'approve' ? 'approve' : 'deny'}`, serial, outcomeOf(call, a));
  };
}

export const PUSH_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/pushes', operationId: 'consolePushList', summary: 'Live push transactions, oldest first (challenge keys only while the device simulator is on)',
    answer: 'ConsolePushList', handle: list },
  { method: 'POST', path: '/pushes/{key}/approve', operationId: 'consolePushApprove', summary: 'Approve as the device would (device simulator only); the held call answers',
    body: 'ConsolePushAnswer', answer: 'ConsolePushOutcome', handle: answer('approve') },
  { method: 'POST', path: '/pushes/{key}/deny', operationId: 'consolePushDeny', summary: 'Deny as the device would (device simulator only); the held call answers',
    body: 'ConsolePushAnswer', answer: 'ConsolePushOutcome', handle: answer('reject') },
];
