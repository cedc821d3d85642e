// The engine's face toward the doors (spec: flows.md): one call per operation, results not exceptions.
// A door that could not build a valid request hands over an InvalidRequest so it is audited alike.
import type { AuthOutcome, AuthRequest } from '../domain/request.js';
import type { StatusKey } from '../domain/status.js';

export interface InvalidRequest {
  readonly invalid: StatusKey;
  readonly detail: string;
  readonly door: string;
  readonly componentType?: string;
  readonly userId?: string;
  readonly domain?: string;
  readonly sourceAddress?: string;
}

export interface AuthEngine {
  authUser(request: AuthRequest | InvalidRequest): Promise<AuthOutcome>;
}

export const isInvalid = (r: AuthRequest | InvalidRequest): r is InvalidRequest => 'invalid' in r;
