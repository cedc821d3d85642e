// Reading the audit log (issue 5 `audit`): entries filtered by user, serial, status and time range,
// oldest first. Statuses are named as in the catalogue (`STAT_OTP_INCORRECT` or `OTP_INCORRECT`).
import type { AuditEntry } from '../engine/ports.js';
import { STATUS, type StatusKey } from '../domain/status.js';
import { ADMIN_COMPONENT_TYPE } from './admin-audit.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';

export interface AuditQuery {
  readonly userId?: string;
  readonly serial?: string;
  readonly status?: string;
  /** ISO-8601 instants; `since` inclusive, `until` exclusive. */
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
  /** Only this door (`soap`, `radius`, `rest`, `cli`, `admin-soap`). */
  readonly door?: string;
  /** Only administrative changes (issue 17). */
  readonly admin?: boolean;
  /** The newest entries first (the console), instead of the oldest. */
  readonly newestFirst?: boolean;
}

function instant(text: string | undefined, name: string): number | undefined | string {
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? `${name} must be an ISO-8601 instant` : t;
}

export async function readAudit(svc: AdminServices, q: AuditQuery): Promise<AdminResult<AuditEntry[]>> {
  const status = q.status?.toUpperCase().replace(/^STAT_/, '');
  if (status !== undefined && !(status in STATUS)) return fail('INVDATA', 'Unknown status name');
  const since = instant(q.since, '--since');
  const until = instant(q.until, '--until');
  if (typeof since === 'string') return fail('INVDATA', since);
  if (typeof until === 'string') return fail('INVDATA', until);
  const limit = q.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) return fail('INVDATA', 'The limit must be 1 to 100000');
  const componentType = q.admin ? ADMIN_COMPONENT_TYPE : undefined;
  return succeed(await svc.store.listAudit({ door: q.door, componentType, userId: q.userId, serialNo: q.serial, status: status as StatusKey | undefined, since, until, limit, newestFirst: q.newestFirst }));
}
