// Purging the audit log by hand (`countersign audit purge`, docs/operations/audit-retention.md): records older
// than an instant or a number of days go in the serving nodes' bounded batches; administrative records only
// as COUNTERSIGN_AUDIT_ADMIN_RETENTION_DAYS or `--admin-before` allow. The purge is itself an administrative
// record (who, up to which instants, how many), written after the last batch, so this run never deletes it.
import { DAY_MS, noCounts, purgeAuditRecords, type PurgeBounds, type PurgeCounts, type PurgeOptions } from '../runtime/audit-retention.js';
import { auditAdminChange, type AdminActor } from './admin-audit.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';

export interface AuditPurgeRequest {
  /** An ISO-8601 instant or `<N>d` (N days before now): records strictly older go. */
  readonly before: string;
  /** The same for administrative records; absent = COUNTERSIGN_AUDIT_ADMIN_RETENTION_DAYS (`adminDays`) decides. */
  readonly adminBefore?: string;
  /** COUNTERSIGN_AUDIT_ADMIN_RETENTION_DAYS: 0 keeps administrative records unless `adminBefore` is given. */
  readonly adminDays: number;
  /** Count only, delete nothing (and record nothing). */
  readonly dryRun?: boolean;
  /** Aborted: stop after the batch under way. */
  readonly signal?: AbortSignal;
  /** Progress: records deleted so far of the total counted at the start. */
  readonly progress?: (done: number, total: number) => void;
  /** Tests: batch size and the wait between batches (default the serving nodes'). */
  readonly batch?: number;
  readonly sleep?: PurgeOptions['sleep'];
}

export interface AuditPurgeResult {
  readonly dryRun: boolean;
  /** ISO-8601 bounds; adminBefore null = administrative records kept. */
  readonly before: string;
  readonly adminBefore: string | null;
  /** Records other than administrative ones deleted (dry run: that would be). */
  readonly deleted: number;
  readonly administrative: number;
  /** True when stopped (Ctrl-C) before every record due was deleted. */
  readonly interrupted: boolean;
}

const RELATIVE = /^(\d{1,5})d$/;
/** A date or date-time as ISO 8601 writes it (Date.parse alone takes `90` for the year 1990). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** `<N>d` or an ISO-8601 instant, not after `now`; the epoch ms or a refusal's reason. */
export function parseBound(text: string, name: string, now: number): number | string {
  const days = RELATIVE.exec(text.trim());
  const t = days ? now - Number(days[1]) * DAY_MS : ISO_DATE.test(text.trim()) ? Date.parse(text.trim()) : NaN;
  if (Number.isNaN(t)) return `${name} must be an ISO-8601 instant (2025-01-01T00:00:00Z) or a number of days before now (90d)`;
  return t > now ? `${name} lies in the future (${new Date(t).toISOString()}): only records already written can be purged` : t;
}

/** The bounds of a request, or the reason it is refused. */
function boundsOf(q: AuditPurgeRequest, now: number): PurgeBounds | string {
  const other = parseBound(q.before, '--before', now);
  if (typeof other === 'string') return other;
  if (q.adminBefore === undefined) return { other, administrative: q.adminDays === 0 ? null : Math.min(other, now - q.adminDays * DAY_MS) };
  const administrative = parseBound(q.adminBefore, '--admin-before', now);
  if (typeof administrative === 'string') return administrative;
  return administrative > other ? '--admin-before must not be later than --before: administrative records are never deleted sooner than the others' : { other, administrative };
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

const resultOf = (b: PurgeBounds, c: Pick<PurgeCounts, 'other' | 'administrative'>, dryRun: boolean, interrupted: boolean): AuditPurgeResult =>
  ({ dryRun, before: iso(b.other)!, adminBefore: iso(b.administrative), deleted: c.other, administrative: c.administrative, interrupted });

/** Counts, or deletes and records who did it; a refusal or failure of a real run is recorded too. */
export async function purgeAuditLog(svc: AdminServices, actor: AdminActor, q: AuditPurgeRequest): Promise<AdminResult<AuditPurgeResult>> {
  const bounds = boundsOf(q, svc.clock.now());
  const record = (object: string, status: 'SUCCESS' | 'INVDATA' | 'ERROR', reason?: string) =>
    q.dryRun ? Promise.resolve() : auditAdminChange(svc, actor, { command: 'audit purge', object, status, reason });
  if (typeof bounds === 'string') {
    await record(`before=${q.before}`, 'INVDATA', bounds);
    return fail('INVDATA', bounds);
  }
  const count = async (kind: 'other' | 'administrative') => { const b = bounds[kind]; return b === null ? 0 : svc.store.countAudit(kind, b); };
  const total = q.dryRun || q.progress ? { other: await count('other'), administrative: await count('administrative') } : undefined;
  if (q.dryRun) return succeed(resultOf(bounds, total!, true, false));
  const counts = noCounts();
  const object = () => `before=${iso(bounds.other)} admin-before=${iso(bounds.administrative) ?? 'kept'} deleted=${counts.other} administrative=${counts.administrative}`;
  try {
    const all = total ? total.other + total.administrative : 0;
    await purgeAuditRecords(svc.store, bounds, counts, {
      signal: q.signal, batch: q.batch, sleep: q.sleep,
      onBatch: () => q.progress?.(counts.other + counts.administrative, Math.max(all, counts.other + counts.administrative)),
    });
  } catch (e) {
    await record(object(), 'ERROR', (e as Error).message);
    throw e;
  }
  const interrupted = counts.stopped;
  await record(`${object()}${interrupted ? ' interrupted' : ''}`, 'SUCCESS');
  return succeed(resultOf(bounds, counts, false, interrupted));
}
