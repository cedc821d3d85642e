// Store errors the callers can tell apart (spec: flows.md §1 uniqueness rules): a record that already
// exists, or a reference to a record that does not.
export class StoreConflictError extends Error {
  readonly code = 'STORE_CONFLICT';
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

export class StoreReferenceError extends Error {
  readonly code = 'STORE_REFERENCE';
  constructor(message: string) {
    super(message);
    this.name = 'StoreReferenceError';
  }
}

/** True for a unique-constraint violation on SQLite (better-sqlite3) or PostgreSQL (23505). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { driverError?: { code?: string }; code?: string } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True for a foreign-key violation on SQLite (better-sqlite3) or PostgreSQL (23503). */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { driverError?: { code?: string } } | null)?.driverError?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** A driver error in the shape of TypeORM's QueryFailedError that the checks above read (`driverError.code`). */
export function queryFailed(err: unknown): Error {
  return Object.assign(new Error((err as Error).message), { driverError: err });
}

/** Where opening a store failed: its file or folder, the connection, or the schema migrations. */
export type StoreOpenStage = 'file' | 'connect' | 'migrate';

/** Opening a store failed; `stage` says where, the message gives the driver's reason (never a password). */
export class StoreOpenError extends Error {
  constructor(readonly stage: StoreOpenStage, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

/** The master key file is missing while the store already holds data sealed with a key. */
export class MasterKeyMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyMissingError';
  }
}
