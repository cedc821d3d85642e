// Authenticator records and policies for the kind-module tests.
import type { Authenticator, Policy } from '../../src/domain/model.js';
import { resolvePolicy } from '../../src/engine/policy/defaults.js';

export const K20 = Buffer.from('12345678901234567890');
export const K32 = Buffer.from('12345678901234567890123456789012');
export const K64 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234');

export function authenticator(overrides: Partial<Authenticator>): Authenticator {
  return {
    id: 'a1', serial: 'VDS0000001', kind: 'totp', secret: K20, digits: 6, algorithm: 'SHA1', period: 30,
    ocraSuite: null, lastStep: -1, drift: 0, pinHash: null, pinEnabled: false, pinChangeRequired: false,
    graceUntil: null, disabled: false, locked: false, userRef: 'u1', ...overrides,
  };
}

export function policy(overrides: Partial<Policy> = {}): Policy {
  return resolvePolicy({ name: 'test', ...overrides });
}
