// RADIUS State the door issues itself (spec: other-frontends.md §1), for an Access-Challenge whose
// engine outcome carries no challenge key (new-PIN entry). It is an opaque random token kept as a
// pending record in the store, so any node can resolve it; it is bound to the user and used once.
// A challenge the engine issued travels as its own challenge key, unchanged.
import type { Clock, PendingRecord, PendingStore, Randomness } from '../../engine/ports.js';
import { DOOR_STATE_BYTES, DOOR_STATE_PREFIX } from './decisions.js';

export const DOOR_STATE_KIND: PendingRecord['kind'] = 'door-state';
export type StatePurpose = 'new-pin';

export interface StateOwner { readonly userId: string; readonly domain: string; readonly componentType: string }

export type Redeemed = { readonly ok: true; readonly purpose: StatePurpose } | { readonly ok: false; readonly why: string };

export const isDoorState = (state: string): boolean => state.startsWith(DOOR_STATE_PREFIX);

export class DoorStates {
  constructor(private readonly pending: PendingStore, private readonly clock: Clock, private readonly random: Randomness,
    private readonly lifetimeMs: number) {}

  async issue(owner: StateOwner, purpose: StatePurpose): Promise<string> {
    const key = DOOR_STATE_PREFIX + this.random.bytes(DOOR_STATE_BYTES).toString('base64url');
    const now = this.clock.now();
    await this.pending.create({
      key, kind: DOOR_STATE_KIND, userRef: null, authenticatorRef: null, componentType: owner.componentType,
      createdAt: now, expiresAt: now + this.lifetimeMs, state: 'open',
      payload: { door: 'radius', purpose, userId: owner.userId.toLowerCase(), domain: owner.domain.toLowerCase() },
    });
    return key;
  }

  /** Consumes the State when it is open, unexpired, of this door and of this user. */
  async redeem(key: string, owner: StateOwner): Promise<Redeemed> {
    const r = await this.pending.find(key);
    if (!r || r.kind !== DOOR_STATE_KIND || r.payload.door !== 'radius') return { ok: false, why: 'the State is unknown' };
    if (r.expiresAt <= this.clock.now()) return { ok: false, why: 'the State has expired' };
    const p = r.payload;
    if (p.userId !== owner.userId.toLowerCase() || p.domain !== owner.domain.toLowerCase() || r.componentType !== owner.componentType) {
      return { ok: false, why: 'the State belongs to another user or client' };
    }
    if (!(await this.pending.transition(key, 'open', 'used'))) return { ok: false, why: 'the State was already used' };
    return { ok: true, purpose: p.purpose as StatePurpose };
  }
}
