// The engine's vocabulary without I/O (spec: flows.md §1): users, authenticators, clients, policies.
// Stores return these shapes; the engine decides on them; doors never see them directly.

export type LocalAuthMode = 'Default' | 'None' | 'Digipass Only' | 'Digipass/Password' | 'DIGIPASS or Password';
export type AuthenticatorKind = 'hotp' | 'totp' | 'ocra' | 'push' | 'virtual';
/** Where a virtual authenticator's one-time passwords go: the user's e-mail address or mobile number. */
export type DeliveryChannel = 'email' | 'sms';
/** Virtual authenticator request methods (decisions.ts VIRTUAL_REQUEST_METHODS); `None` turns that role off. */
export type VirtualRequestMethod = 'None' | 'Keyword' | 'KeywordOnly' | 'Password' | 'KeywordPassword' | 'PasswordKeyword';
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
  /** Virtual authenticators: e-mail or SMS; null or absent = the policy's `virtualDelivery`. */
  readonly delivery?: DeliveryChannel | null;
  /** Virtual authenticators: a backup one (limited uses or days, its own request method) rather than a primary one. */
  readonly backup?: boolean;
  /** Backup virtual authenticators: OTPs it may still send; null = not counted yet (set from policy at first use). */
  readonly usesRemaining?: number | null;
  /** Backup virtual authenticators: epoch ms after which it sends nothing; null = not started (set at first use). */
  readonly enabledUntil?: number | null;
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
  /** How a user asks a primary virtual authenticator for an OTP (in the password field), and its keyword. */
  readonly virtualRequestMethod: VirtualRequestMethod;
  readonly virtualKeyword: string;
  /** The same for a backup virtual authenticator (users who forgot their token). */
  readonly backupVirtualRequestMethod: VirtualRequestMethod;
  readonly backupVirtualKeyword: string;
  /** Backup: OTPs a backup virtual authenticator may send (0 = no limit), and days it stays usable from its first use (0 = no limit). */
  readonly backupVirtualMaxUses: number;
  readonly backupVirtualTimeLimitDays: number;
  /** Digits of a delivered OTP, and seconds it stays valid. */
  readonly virtualOtpLength: number;
  readonly virtualOtpLifetimeS: number;
  /** Where a virtual authenticator without its own channel delivers. */
  readonly virtualDelivery: DeliveryChannel;
  /** Message templates: `{otp}`, `{minutes}`, `{user}`, `{domain}` are replaced. */
  readonly virtualEmailSubject: string;
  readonly virtualEmailTemplate: string;
  readonly virtualSmsTemplate: string;
}

export interface ClientRecord {
  readonly componentType: string;
  readonly policy: Policy;
}
