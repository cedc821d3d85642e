// The engine's vocabulary without I/O (spec: flows.md §1): users, authenticators, clients, policies.
// Stores return these shapes; the engine decides on them; doors never see them directly.

export type LocalAuthMode = 'Default' | 'None' | 'Digipass Only' | 'Digipass/Password' | 'DIGIPASS or Password';
export type AuthenticatorKind = 'hotp' | 'totp' | 'ocra' | 'push';
export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';
export type ChallengeMode = 'No' | 'Server Challenge' | 'Any Challenge';
export type TargetSystem = 'local' | 'ldap';

export interface User {
  readonly id: string;
  readonly domain: string;
  readonly userId: string;
  readonly disabled: boolean;
  readonly locked: boolean;
  readonly lockCount: number;
  /** Epoch ms when an auto-lock may be retried; null for an admin lock or no lock. */
  readonly lockedUntil: number | null;
  /** How many auto-unlocks have happened since the last success (drives the duration multiplier). */
  readonly autoUnlocks: number;
  readonly staticPasswordHash: string | null;
  readonly localAuth: LocalAuthMode;
  readonly expiresAt: number | null;
  /** Last failure fingerprint and time, so a client retry of the same wrong OTP counts once. */
  readonly lastFailure: string | null;
  readonly lastFailureAt: number | null;
  readonly email?: string | null;
  readonly mobile?: string | null;
  readonly description?: string | null;
  /** Back-end authentication mode set by an administrator (USERFLD_BACKEND_AUTH); null when never set. */
  readonly backendAuth?: string | null;
}

export interface Authenticator {
  readonly id: string;
  readonly serial: string;
  readonly kind: AuthenticatorKind;
  /** Plain secret bytes; sealed at rest by the store, never logged. */
  readonly secret: Buffer;
  readonly digits: number;
  readonly algorithm: HashAlgorithm;
  readonly period: number;
  readonly ocraSuite: string | null;
  /** HOTP: last accepted counter; TOTP: last accepted time step; -1 when never used. */
  readonly lastStep: number;
  /** TOTP drift in steps, learned from accepted codes. */
  readonly drift: number;
  readonly pinHash: string | null;
  readonly pinEnabled: boolean;
  readonly pinChangeRequired: boolean;
  readonly graceUntil: number | null;
  readonly disabled: boolean;
  readonly locked: boolean;
  readonly userRef: string | null;
}

export interface Policy {
  readonly name: string;
  readonly lockThreshold: number;
  readonly autoUnlock: { readonly enabled: boolean; readonly durationS: number; readonly multiplier: number; readonly maxUnlocks: number };
  readonly genericStatusCodes: boolean;
  /** TOTP window in steps each side once the authenticator was used; wider for the first use. */
  readonly timeWindow: number;
  readonly initialTimeWindow: number;
  readonly maxDrift: number;
  readonly eventWindow: number;
  readonly challengeLifetimeS: number;
  readonly challengeMode: ChallengeMode;
  readonly challengeRequestMethod: string;
  readonly challengeKeyword: string;
  readonly pushKeyword: string;
  readonly pushTimeoutS: number;
  readonly pinMinLength: number;
  readonly pinMaxLength: number;
  readonly localAuthDefault: LocalAuthMode;
  /** Where user (static) passwords are checked: the stored hash, or an LDAP directory bound as the user. */
  readonly targetSystem: TargetSystem;
  /** Require the static password in front of the OTP (static password + OTP variant). */
  readonly staticPasswordWithOtp: boolean;
  /** A repeated wrong credential within this many seconds counts once toward lockout. */
  readonly retryDedupS: number;
}

export interface ClientRecord {
  readonly componentType: string;
  readonly policy: Policy;
}
