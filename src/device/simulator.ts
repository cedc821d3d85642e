// The push device simulator (spec: flows.md §6 [OURS]): lists a device's pending transactions and
// approves or rejects them exactly as a phone would: getPreparedSecureChallenge, then authUser with the
// key and the HMAC-SHA1 signature of the transaction text under the device secret, or cancelAuthUser.
// For tests, QA and SoapUI users; served over HTTP only when COUNTERSIGN_DEVICE_SIMULATOR is on.
import type { AuthOutcome } from '../domain/request.js';
import type { AuthEngine } from '../engine/engine.js';
import type { AuthenticatorStore, Clock, PendingStore } from '../engine/ports.js';
import { isLive, pushPayloadOf } from '../engine/push.js';
import { signTransaction } from '../otp/signature.js';

export interface PendingPush {
  readonly challengeKey: string;
  readonly state: string;
  readonly userId: string;
  readonly domain: string;
  readonly componentType: string;
  readonly message: string;
  readonly expiresAt: string;
}

export interface DeviceAnswer {
  readonly challengeKey?: string;
  readonly outcome: AuthOutcome;
}

export interface DeviceSimulator {
  list(serial: string): Promise<PendingPush[]>;
  /** Approves `key`, or the oldest live transaction of the device. */
  approve(serial: string, key?: string): Promise<DeviceAnswer>;
  reject(serial: string, key?: string): Promise<DeviceAnswer>;
}

export interface SimulatorDeps {
  readonly engine: AuthEngine;
  readonly store: AuthenticatorStore & PendingStore;
  readonly clock: Clock;
  /** The component type the simulated device presents (a registered client). */
  readonly componentType: string;
}

const NOT_FOUND: AuthOutcome = { status: 'NOT_FOUND', reported: 'NOT_FOUND', detail: 'no pending push transaction for this device' };

export function createDeviceSimulator(deps: SimulatorDeps): DeviceSimulator {
  const { engine, store, clock, componentType } = deps;
  const request = (serialNo: string, challengeKey: string) => ({ componentType, serialNo, challengeKey, door: 'device-simulator' });

  async function list(serial: string): Promise<PendingPush[]> {
    const a = await store.findBySerial(serial);
    if (!a || a.kind !== 'push' || !a.userRef) return [];
    const now = clock.now();
    const records = (await store.listPendingForUser?.(a.userRef, 'push')) ?? [];
    return records.filter((r) => isLive(r, now) && (r.authenticatorRef === null || r.authenticatorRef === a.id)).map((r) => {
      const p = pushPayloadOf(r)!;
      return { challengeKey: r.key, state: r.state, userId: p.userId, domain: p.domain, componentType: r.componentType, message: p.message, expiresAt: new Date(r.expiresAt).toISOString() };
    });
  }

  const pick = async (serial: string, key?: string): Promise<string | undefined> => key ?? (await list(serial))[0]?.challengeKey;

  async function approve(serial: string, key?: string): Promise<DeviceAnswer> {
    const challengeKey = await pick(serial, key);
    const a = await store.findBySerial(serial);
    if (!challengeKey || !a) return { challengeKey, outcome: NOT_FOUND };
    const fetched = await engine.getPreparedSecureChallenge!(request(serial, challengeKey));
    const record = await store.find(challengeKey);
    const message = fetched.transaction?.message ?? (record && pushPayloadOf(record)?.message);
    if (!message) return { challengeKey, outcome: fetched };
    const p = pushPayloadOf(record!)!;
    const outcome = await engine.authUser({
      componentType, userId: p.userId, domain: p.domain, passwordFormat: 'combined', challengeKey,
      password: signTransaction(a.secret, message), door: 'device-simulator',
    });
    return { challengeKey, outcome };
  }

  async function reject(serial: string, key?: string): Promise<DeviceAnswer> {
    const challengeKey = await pick(serial, key);
    if (!challengeKey) return { outcome: NOT_FOUND };
    return { challengeKey, outcome: await engine.cancelAuthUser!(request(serial, challengeKey)) };
  }

  return { list, approve, reject };
}
