// The device side of push (spec: flows.md §6): getPreparedSecureChallenge hands the transaction to
// the device once (open → fetched), cancelAuthUser rejects it (→ rejected) and wakes the held call.
// Both check the client, the serial (a push device) and that the key belongs to that device's user;
// every refusal is a status, audited like authUser, and changes nothing.
import type { Authenticator } from '../domain/model.js';
import type { AuthOutcome, AuthRequest, DeviceRequest } from '../domain/request.js';
import { verdict, type AuthContext, type Verdict } from './context.js';
import { isInvalid, type InvalidRequest } from './engine.js';
import { notLive } from './flows/push-answer.js';
import { finish, refuse } from './outcome.js';
import type { PendingRecord, Ports } from './ports.js';
import { isLive, isPushDevice, pushPayloadOf, type PushPayload } from './push.js';
import { resolveClient } from './steps/resolve-client.js';

const UNKNOWN_DEVICE = verdict('NOT_FOUND', { detail: 'no push device with this serial number' });
const UNKNOWN_KEY = verdict('NOT_FOUND', { detail: 'unknown push transaction, or already fetched or answered' });

interface Located { readonly r: PendingRecord; readonly a: Authenticator; readonly payload: PushPayload }

async function locate(ctx: AuthContext, req: DeviceRequest): Promise<Located | Verdict> {
  const stop = await resolveClient(ctx);
  if (stop) return stop;
  const a = await ctx.ports.authenticators.findBySerial(req.serialNo);
  if (!a || !isPushDevice({ ...a, disabled: false, locked: false })) return UNKNOWN_DEVICE;
  const r = await ctx.ports.pending.find(req.challengeKey);
  const payload = r && pushPayloadOf(r);
  if (!r || r.kind !== 'push' || !payload || r.userRef !== a.userRef || (r.authenticatorRef !== null && r.authenticatorRef !== a.id)) return UNKNOWN_KEY;
  if (!isPushDevice(a)) return verdict('DIGIPASS_LOCKED', { serialNo: a.serial });
  return { r, a, payload };
}

async function fetchOnce(ctx: AuthContext, req: DeviceRequest): Promise<Verdict> {
  const found = await locate(ctx, req);
  if ('status' in found) return found;
  const { r, a, payload } = found;
  if (!isLive(r, ctx.now)) return notLive(r, ctx.now);
  if (r.state !== 'open' || !(await ctx.ports.pending.transition(r.key, 'open', 'fetched'))) return UNKNOWN_KEY;
  const transaction = { challengeKey: r.key, serialNo: a.serial, message: payload.message, expiresAt: r.expiresAt };
  return verdict('SUCCESS', { serialNo: a.serial, transaction });
}

async function reject(ctx: AuthContext, req: DeviceRequest): Promise<Verdict> {
  const found = await locate(ctx, req);
  if ('status' in found) return found;
  const { r, a } = found;
  if (!isLive(r, ctx.now)) return notLive(r, ctx.now);
  const done = (await ctx.ports.pending.transition(r.key, 'open', 'rejected')) || (await ctx.ports.pending.transition(r.key, 'fetched', 'rejected'));
  if (!done) return UNKNOWN_KEY;
  ctx.ports.push?.wake(r.key);
  return verdict('SUCCESS', { serialNo: a.serial, detail: 'push transaction rejected' });
}

/** The audit names the transaction's user once it is known. */
async function run(ports: Ports, req: DeviceRequest | InvalidRequest, decide: typeof fetchOnce): Promise<AuthOutcome> {
  if (isInvalid(req)) return refuse(ports, req);
  const request: AuthRequest = { componentType: req.componentType, userId: '', passwordFormat: 'combined', serialNo: req.serialNo, door: req.door, sourceAddress: req.sourceAddress };
  const ctx: AuthContext = { request, now: ports.clock.now(), ports };
  const v = await decide(ctx, req);
  const r = await ports.pending.find(req.challengeKey);
  const payload = v.serialNo !== undefined && r ? pushPayloadOf(r) : undefined;
  const named: AuthContext = payload ? { ...ctx, request: { ...request, userId: payload.userId, domain: payload.domain } } : ctx;
  return finish(ports, named, v);
}

export const getPreparedSecureChallenge = (ports: Ports, req: DeviceRequest | InvalidRequest): Promise<AuthOutcome> => run(ports, req, fetchOnce);
export const cancelAuthUser = (ports: Ports, req: DeviceRequest | InvalidRequest): Promise<AuthOutcome> => run(ports, req, reject);
