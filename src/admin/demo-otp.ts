// The current code of a demo authenticator (`countersign otp`; the console's QA helper, issue 21): only
// an authenticator holding a published RFC 4226/6238/6287 test key is ever shown (the CLI's --force
// aside), so no real secret's codes leave the server through a helper meant for QA.
import type { Authenticator, Policy } from '../domain/model.js';
import { kindOf } from '../authenticators/index.js';
import type { AdminServices } from './services.js';

/** RFC 4226 / 6238 / 6287 published test keys: the only secrets whose codes are shown without --force. */
export const PUBLISHED_KEYS: ReadonlySet<string> = new Set(['12345678901234567890', '12345678901234567890123456789012',
  '1234567890123456789012345678901234567890123456789012345678901234']);

export const holdsPublishedKey = (a: Authenticator): boolean => PUBLISHED_KEYS.has(a.secret.toString('latin1'));

export interface DemoCode {
  readonly serial: string;
  readonly kind: string;
  readonly otp: string;
  /** TOTP: its period and the seconds the code stays current; null for HOTP (the next code of the counter). */
  readonly period: number | null;
  readonly validForS: number | null;
}

/** The current codes of these serials, leaving out those unknown, without a published key, or not code tokens. */
export async function demoCodes(svc: AdminServices, serials: readonly string[], policy: Policy): Promise<DemoCode[]> {
  const now = svc.clock.now();
  const out: DemoCode[] = [];
  for (const serial of serials) {
    const a = await svc.store.findBySerial(serial);
    const kind = a && kindOf(a.kind);
    if (!a || !kind?.generate || !kind.capabilities.responseOnly || !holdsPublishedKey(a)) continue;
    const period = a.kind === 'totp' ? a.period : null;
    const validForS = period === null ? null : period - (Math.floor(now / 1000) % period);
    out.push({ serial: a.serial, kind: a.kind, otp: kind.generate(a, { now, policy }), period, validForS });
  }
  return out;
}
