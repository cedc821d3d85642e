// Flow: push and login (spec: flows.md §6): an authUser whose password is the policy's push keyword
// (any case), or with auth type PUSH, for a user with a push device opens a transaction of its own and
// holds the call in the PushWaiter port until the device answers or the deadline passes.
// Off when the engine has no waiter: then the keyword is an ordinary password.
import type { ResolvedContext } from '../context.js';
import { verdict } from '../context.js';
import { holdPush, isPushDevice, openTransaction } from '../push.js';
import type { Flow } from './flow.js';

/** Asked for by auth type, or by the keyword alone in the password field. */
function asksPush(ctx: ResolvedContext): boolean {
  const r = ctx.request;
  if (!ctx.ports.push || r.challengeKey !== undefined || r.challenge !== undefined) return false;
  if (r.authType !== undefined) return r.authType === 'PUSH';
  const kw = ctx.policy.pushKeyword;
  return r.response === undefined && kw !== '' && r.password !== undefined && r.password.toLowerCase() === kw.toLowerCase();
}

export const pushRequest: Flow = {
  name: 'push-request',
  matches: (ctx) => asksPush(ctx) && (ctx.request.authType === 'PUSH' || ctx.authenticators.some(isPushDevice)),
  async run(ctx) {
    const devices = ctx.authenticators.filter(isPushDevice);
    if (devices.length === 0) return verdict('NO_DIGIPASS', { detail: 'the user has no push device' });
    const record = await openTransaction(ctx, devices);
    if ('status' in record) return record;
    const device = devices.find((a) => a.id === record.authenticatorRef) ?? devices[0]!;
    return holdPush(ctx, record.key, record.expiresAt, device.serial);
  },
};
