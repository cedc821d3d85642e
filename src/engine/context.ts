// The state one authentication carries through the engine's steps and its flow (spec: flows.md §2).
import type { Authenticator, ClientRecord, Policy, User } from '../domain/model.js';
import type { AuthRequest, OutcomeDetails } from '../domain/request.js';
import type { StatusKey } from '../domain/status.js';
import type { Ports } from './ports.js';

export interface AuthContext {
  readonly request: AuthRequest;
  readonly now: number;
  readonly ports: Ports;
  client?: ClientRecord;
  user?: User;
  /** The user's authenticators (all of them, or the one named by serial). */
  authenticators?: Authenticator[];
  /** Gives the user's turn (user-gate.ts) back early: a call held for a device answer must not block the answer. */
  releaseTurn?: () => void;
}

/** Context after the resolving steps: client, user and authenticators are known. */
export interface ResolvedContext extends AuthContext {
  readonly client: ClientRecord;
  readonly user: User;
  readonly authenticators: Authenticator[];
  readonly policy: Policy;
}

/** What a step or a flow decides. A failure is a result, never an exception. */
export interface Verdict extends OutcomeDetails {
  readonly status: StatusKey;
  /** A short fingerprint of the wrong credential, so a client retry counts once toward lockout. */
  readonly fingerprint?: string;
}

/** A verdict with the given details (copied key by key: a spread of objects of many shapes is slow in V8; see outcome.ts). */
export function verdict(status: StatusKey, extra: Omit<Verdict, 'status'> = {}): Verdict {
  const v: Record<string, unknown> = { status };
  for (const key in extra) v[key] = extra[key as keyof typeof extra];
  return v as unknown as Verdict;
}

/**
 * The context once the resolving steps have found client, user and authenticators, with the client's
 * policy. Every field is named (no spread, as in verdict); the type makes a field added to AuthContext
 * and left out here a compile error.
 */
export function withPolicy(ctx: AuthContext): ResolvedContext {
  const resolved: { readonly [K in keyof Required<ResolvedContext>]: ResolvedContext[K] } = {
    request: ctx.request, now: ctx.now, ports: ctx.ports, client: ctx.client!, user: ctx.user!, authenticators: ctx.authenticators!,
    releaseTurn: ctx.releaseTurn, policy: ctx.client!.policy,
  };
  return resolved;
}
