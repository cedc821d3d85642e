// What the engine needs from the outside world (spec: flows.md §1, §3, §4, §9). Stores implement
// these; the engine owns them. Every counter, time step and lock count changes by compare-and-set.
import type { Authenticator, ClientRecord, DeliveryChannel, User } from '../domain/model.js';
import type { StatusKey } from '../domain/status.js';

/** Injected time source (epoch milliseconds). Nothing in the engine reads the system clock. */
export interface Clock { now(): number }

/** Injected randomness. */
export interface Randomness { bytes(n: number): Buffer }

export interface LockState {
  readonly lockCount: number;
  readonly locked: boolean;
  readonly lockedUntil: number | null;
  readonly autoUnlocks: number;
  readonly lastFailure: string | null;
  readonly lastFailureAt: number | null;
}

export interface UserAndAuthenticators { readonly user: User; readonly authenticators: Authenticator[] }

export interface UserStore {
  /** Case-insensitive on domain and user ID. */
  findUser(domain: string, userId: string): Promise<User | null>;
  /** findUser and listForUser of that user in one lookup (one round trip on a database server). */
  findUserAndAuthenticators(domain: string, userId: string): Promise<UserAndAuthenticators | null>;
  /**
   * Compare-and-set of the lock state: writes `next` only while the stored lock count still equals
   * `expectedLockCount`. Returns false when another request changed it first (re-read and retry).
   */
  updateLockState(userRef: string, expectedLockCount: number, next: LockState): Promise<boolean>;
  /** Replace the user's static password hash (argon2id), or clear it with null. */
  setStaticPassword(userRef: string, hash: string | null): Promise<void>;
}

export interface AuthenticatorStore {
  listForUser(userRef: string): Promise<Authenticator[]>;
  /** Case-insensitive serial lookup. */
  findBySerial(serial: string): Promise<Authenticator | null>;
  /**
   * Compare-and-set of the moving factor: `lastStep = step, drift = drift` only where the stored
   * lastStep < step. True when exactly one row changed; false means replay (or a concurrent win).
   */
  advanceStep(authenticatorRef: string, step: number, drift: number): Promise<boolean>;
  /** Set (or clear, with null) the server PIN hash and the force-change flag. */
  setPin(authenticatorRef: string, pinHash: string | null, changeRequired: boolean): Promise<void>;
  /** End the static-password grace period (first successful OTP). */
  endGracePeriod(authenticatorRef: string): Promise<void>;
  /** Backup virtual authenticators: compare-and-set of uses remaining and end (store.ts BackupUsage). */
  setBackupUsage?(authenticatorRef: string, expected: BackupUsageState, next: BackupUsageState): Promise<boolean>;
}

/** A backup virtual authenticator's restrictions as compared and set together (null = not set yet). */
export interface BackupUsageState { readonly usesRemaining: number | null; readonly enabledUntil: number | null }

export interface ClientStore {
  /** Case-sensitive component type, as IDENTIKEY registers it. */
  findClient(componentType: string): Promise<ClientRecord | null>;
}

/** A multi-leg record (server challenge, 2-step challenge, push transaction) kept in the store. */
export interface PendingRecord {
  readonly key: string;
  /** `door-state`: a State a door issued itself (RADIUS new-PIN entry); the engine never resolves it. */
  /** `admin-session`: an administration session (src/admin), keyed by its id's SHA-256; the engine never resolves it. */
  /** `rest-token`: a bearer token of the REST MFA API, keyed by its SHA-256 (src/doors/rest/mfa). */
  /** `virtual-otp`: an OTP a virtual authenticator delivered, kept as its keyed digest (virtual-otp.ts). */
  readonly kind: 'challenge' | 'push' | 'secure-challenge' | 'door-state' | 'admin-session' | 'rest-token' | 'virtual-otp';
  readonly userRef: string | null;
  readonly authenticatorRef: string | null;
  readonly componentType: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly payload: Record<string, unknown>;
  readonly state: 'open' | 'fetched' | 'approved' | 'rejected' | 'used';
}

export interface PendingStore {
  create(record: PendingRecord): Promise<void>;
  find(key: string): Promise<PendingRecord | null>;
  /** Compare-and-set of the state: true when the stored state was `from` and is now `to`. */
  transition(key: string, from: PendingRecord['state'], to: PendingRecord['state']): Promise<boolean>;
  /** Delete records that expired before `before`. */
  purgeExpired(before: number): Promise<number>;
  /** The records of these keys that exist, in one query (the shared push poll, flows.md §6). */
  findMany?(keys: readonly string[]): Promise<PendingRecord[]>;
  /** Every record of one kind belonging to a user (push joining and the device simulator). */
  listPendingForUser?(userRef: string, kind: PendingRecord['kind']): Promise<PendingRecord[]>;
}

/**
 * Where a held push call waits (flows.md §6): one registry per process, woken at once by an answer
 * recorded on this node and by a shared store poll for answers recorded on another node.
 */
/** Why a held call's wait ended. */
export type WaitEnd = 'released' | 'expired' | 'closed';

export interface PushWaiter {
  /**
   * Resolves `released` once the record `key` may have left open/fetched (re-read it), `expired` once
   * `deadline` (clock ms) passed on the clock or the same lifetime passed in real time (a frozen QA
   * clock must not hold a call forever), `closed` when the waiter shut down and the call must answer now.
   */
  wait(key: string, deadline: number): Promise<WaitEnd>;
  /** Releases the waiters of `key` now: the answer was recorded by this process. */
  wake(key: string): void;
}

export interface AuditEntry {
  readonly at: number;
  readonly door: string;
  readonly componentType: string;
  readonly domain: string | null;
  readonly userId: string | null;
  readonly serialNo: string | null;
  /** The real status (before generic masking). */
  readonly status: StatusKey;
  readonly statusCode: number;
  readonly sourceAddress: string | null;
  readonly detail: string | null;
}

export interface AuditSink { record(entry: AuditEntry): Promise<void> }

/** The target system of user passwords other than the stored hash: an LDAP / AD directory (other-frontends.md §1). */
export interface PasswordDirectory {
  /** Binds as the user; `unreachable` when the directory does not answer in time (STAT_COMMS). */
  verify(user: { readonly domain: string; readonly userId: string }, password: string): Promise<'ok' | 'wrong' | 'unreachable'>;
}

/** argon2id hashing of PINs and static passwords. */
export interface SecretHasher {
  hash(plain: string): Promise<string>;
  verify(hash: string, plain: string): Promise<boolean>;
}

export type RateScope = 'source' | 'user';

/** Admitted (its tokens taken: `giveBack` returns them, once) or refused with the wait until a token refills. */
export type Admission =
  | { readonly admitted: true; giveBack(): void }
  | { readonly admitted: false; readonly scope: RateScope; readonly retryAfterMs: number };

/** One refused attempt, for metrics (docs/operations/rate-limits.md). */
export interface RateLimitEvent {
  readonly door: string;
  readonly scope: RateScope;
  readonly operation: string;
}

/**
 * Token buckets against guessing (docs/operations/rate-limits.md), separate from lockout: per source
 * address and per user (`domain\0userId`, lower case). Checked in src/engine/rate-limit.ts only.
 */
export interface RateLimiter {
  admit(keys: { readonly source?: string; readonly user?: string }): Admission;
  /** Called for every refusal; `subscribe` is how metrics count them. */
  report(e: RateLimitEvent): void;
  subscribe(listener: (e: RateLimitEvent) => void): () => void;
}

/** A message carrying an OTP to a user (virtual authenticators); never logged, never audited. */
export interface OutgoingMessage {
  readonly channel: DeliveryChannel;
  /** The e-mail address or mobile number of the user account. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Whose message it is (the outbox and logs name the user, never the OTP). */
  readonly userId: string;
  readonly domain: string;
}

/** `reason` names what failed (a server, a status, a timeout) and never repeats the message. */
export type DeliveryResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The message delivery component: SMTP, an SMS gateway, or the outbox file (src/delivery). Never throws. */
export interface MessageSender { send(message: OutgoingMessage): Promise<DeliveryResult> }

/** Everything virtual authenticators need from outside (engine/virtual-otp.ts). */
export interface VirtualDelivery {
  readonly sender: MessageSender;
  /** The keyed digest the store keeps instead of an OTP (virtual-digest.ts): HMAC of the record key and the OTP. */
  digest(recordKey: string, otp: string): string;
  /** Sends per user and per source address (a limiter of its own, apart from the guessing limits); absent = unlimited. */
  readonly limiter?: RateLimiter;
  /** Hears of each send attempt: sent, failed (delivery) or limited (metrics). */
  sent?(channel: DeliveryChannel, result: 'sent' | 'failed' | 'limited'): void;
}

export interface Ports {
  readonly clock: Clock;
  readonly random: Randomness;
  readonly users: UserStore;
  readonly authenticators: AuthenticatorStore;
  readonly clients: ClientStore;
  readonly pending: PendingStore;
  readonly audit: AuditSink;
  readonly hasher: SecretHasher;
  /** Keys the fingerprint of a wrong credential before the store keeps it (policy/failure-tag.ts); absent = a key of this process alone. */
  readonly failureTags?: import('./policy/failure-tag.js').FailureTagger;
  /** Where policies with target system `ldap` check user passwords; absent = not configured. */
  readonly directory?: PasswordDirectory;
  /** The per-user turns of credential checks (user-gate.ts), shared by every engine of a process; absent = each engine makes its own. */
  readonly turns?: import('./user-gate.js').UserGate;
  /** Holds push calls open; absent = push login is off on this engine (the keyword is no request). */
  readonly push?: PushWaiter;
  /** Rate limits of every credential check (src/engine/rate-limit.ts); absent = none. */
  readonly limiter?: RateLimiter;
  /** Delivers the OTPs of virtual authenticators; absent = they cannot send (NO_DIGIPASS). */
  readonly delivery?: VirtualDelivery;
  /** Hears of what the engine did beyond its answer (metrics, logs); absent = nobody listens. */
  readonly events?: EngineEvents;
}

export interface EngineEvents {
  /** A failed credential check made this user's account locked (the lock threshold was reached). */
  locked(user: { readonly userId: string; readonly domain: string }): void;
}
