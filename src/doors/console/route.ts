// The shape of a console API route (issue 21): method, OpenAPI path template, summary, body and answer
// schema names; the route table (routes.ts) is also where /openapi.json's console paths come from, so
// documentation and dispatch cannot drift apart. Changes are audited here, like admin SOAP and the CLI.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { auditAdminChange, type AdminActor } from '../../admin/admin-audit.js';
import type { AdminResult, AdminServices } from '../../admin/services.js';
import type { AdminSession } from '../../admin/session.js';
import type { Policy } from '../../domain/model.js';
import type { StatusCatalogue } from '../../domain/status.js';
import type { Clock } from '../../engine/ports.js';
import type { DeviceSimulator } from '../../device/simulator.js';
import type { AuditFeed } from '../../runtime/audit-feed.js';
import type { Logger } from '../../runtime/logger.js';
import { resultReply, type Reply } from './http.js';
import type { createJobs } from './jobs.js';

/** The QA helpers (present only while allowed: docs/console.md "QA helpers"). */
export interface QaHelpers {
  /** COUNTERSIGN_CLOCK in words: `real time`, `frozen at ...`, `real time +90s`. */
  readonly clockMode: string;
  /** Serials of the demo seed's authenticators (the OTP helper shows these only, when they hold published keys). */
  readonly demoSerials: readonly string[];
  /** The policy codes are generated under (the SOAP client's). */
  policy(): Promise<Policy>;
  /** An authUser envelope from named fields (the SOAP codec's request builder, as `countersign call`). */
  authUserEnvelope(fields: Readonly<Record<string, string>>): string;
}

export interface ConsoleDeps {
  /** Admin use cases, their sessions living COUNTERSIGN_CONSOLE_SESSION_TTL_S. */
  readonly admin: AdminServices;
  readonly catalogue: StatusCatalogue;
  readonly log: Logger;
  readonly feed: AuditFeed;
  readonly clock: Clock;
  /** HTTPS: the session cookie is `Secure` (and `__Secure-` prefixed). */
  readonly tls: boolean;
  readonly maxBodyBytes: number;
  readonly maxUploadBytes: number;
  /** The push device simulator, when COUNTERSIGN_DEVICE_SIMULATOR is on. */
  readonly device?: DeviceSimulator;
  readonly qa?: QaHelpers;
  /** How often a live stream sends a comment line, so that proxies and the idle timeout keep it open. */
  readonly heartbeatMs: number;
  readonly version: string;
}

/** What the console keeps while it runs (one per handler, never module-wide). */
export interface ConsoleRuntime extends ConsoleDeps {
  readonly jobs: ReturnType<typeof createJobs>;
}

export interface Call {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  /** The JSON body, validated against the route's schema ({} for routes without one). */
  readonly body: Record<string, unknown>;
  /** The administrator; absent only on public routes (logon). */
  readonly session?: AdminSession;
  readonly deps: ConsoleRuntime;
  readonly source: string | null;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  readonly method: Method;
  /** OpenAPI path template below /console/api, e.g. `/users/{domain}/{userId}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  /** Schema name of the JSON body (console/openapi.ts). */
  readonly body?: string;
  /** Schema name of the 200/201 answer; `stream` routes describe their own content. */
  readonly answer?: string;
  /** Query parameters (name → description). */
  readonly query?: Readonly<Record<string, string>>;
  /** No session needed (logon); every other route needs one, and every change its CSRF token. */
  readonly public?: boolean;
  /** The body is a file, read by the handler itself (not JSON). */
  readonly upload?: { readonly contentType: string; readonly description: string };
  /** The handler answers by itself (a live stream) and returns undefined. */
  readonly stream?: { readonly contentType: string; readonly description: string };
  handle(call: Call): Promise<Reply | undefined>;
}

/** The administrator of a call (routes other than public ones always have one). */
export const adminOf = (call: Call): AdminSession => {
  if (!call.session) throw new Error('console route without a session');
  return call.session;
};

/** `domain\\userId`, as admin audit entries name users. */
export const userObject = (domain: string | undefined, userId: string | undefined): string => `${domain ?? 'master'}\\${userId ?? ''}`;

/** Audits a change made through the console (door `console`), then answers its result. */
export async function audited<T>(call: Call, command: string, object: string, result: AdminResult<T>, shape?: (v: T) => unknown, created = false): Promise<Reply> {
  const s = adminOf(call);
  const actor: AdminActor = { door: 'console', domain: s.admin.domain, userId: s.admin.userId, sourceAddress: call.source };
  await auditAdminChange(call.deps.admin, actor, { command, object, status: result.ok ? 'SUCCESS' : result.status, reason: result.ok ? undefined : result.detail });
  return resultReply(call.deps.catalogue, result, shape, created);
}

/** A string field of a validated body (the schema already checked its type). */
export const field = (call: Call, name: string): string | undefined => {
  const v = call.body[name];
  return typeof v === 'string' ? v : undefined;
};
