// Policy defaults (spec: flows.md §1, §3, §4; demo-seed.md base policy). A stored policy names only
// what differs; `resolvePolicy` fills in the rest and freezes the result.
import type { Policy } from '../../domain/model.js';

export const DEFAULT_POLICY: Policy = Object.freeze({
  name: 'Base',
  lockThreshold: 3,
  autoUnlock: Object.freeze({ enabled: false, durationS: 300, multiplier: 2, maxUnlocks: 3 }),
  genericStatusCodes: false,
  timeWindow: 1,
  initialTimeWindow: 10,
  maxDrift: 20,
  eventWindow: 20,
  challengeLifetimeS: 60,
  challengeMode: 'No',
  challengeRequestMethod: 'Keyword',
  challengeKeyword: 'otp',
  pushKeyword: 'push',
  pushTimeoutS: 30,
  pinMinLength: 4,
  pinMaxLength: 8,
  localAuthDefault: 'Digipass Only',
  targetSystem: 'local',
  staticPasswordWithOtp: false,
  retryDedupS: 5,
  virtualRequestMethod: 'Keyword',
  virtualKeyword: 'sendotp',
  backupVirtualRequestMethod: 'KeywordPassword',
  backupVirtualKeyword: 'backup',
  backupVirtualMaxUses: 0,
  backupVirtualTimeLimitDays: 0,
  virtualOtpLength: 6,
  virtualOtpLifetimeS: 300,
  virtualDelivery: 'email',
  virtualEmailSubject: 'Your one-time password',
  virtualEmailTemplate: 'Your one-time password is {otp}. It is valid for {minutes} minutes and can be used once. If you did not ask for it, tell your help desk.',
  virtualSmsTemplate: '{otp} is your one-time password (valid {minutes} min, once).',
});

export function resolvePolicy(partial: Partial<Policy> & { name: string }): Policy {
  const autoUnlock = Object.freeze({ ...DEFAULT_POLICY.autoUnlock, ...(partial.autoUnlock ?? {}) });
  return Object.freeze({ ...DEFAULT_POLICY, ...partial, autoUnlock });
}
