// The action of `countersign audit purge` (definition in audit.ts, loaded only when it runs): deletes the
// audit records older than --before in the serving nodes' bounded batches, with progress on stderr; Ctrl-C
// stops after the batch under way (exit 130), and the run is recorded in the audit log either way.
import { purgeAuditLog, type AuditPurgeResult } from '../../admin/audit-purge.js';
import { cliActor, report, withApp, type OutputOptions } from './admin-run.js';
import { showProgress } from './progress.js';

export interface AuditPurgeOptions extends OutputOptions { before: string; adminBefore?: string; dryRun?: boolean; progress?: boolean }

/** The summary line, e.g. `deleted 120000 audit records older than 2025-01-01T00:00:00.000Z; ...`. */
export function describePurge(r: AuditPurgeResult): string {
  const admin = r.adminBefore === null ? 'administrative records kept (COUNTERSIGN_AUDIT_ADMIN_RETENTION_DAYS=0)'
    : `${r.administrative} administrative record(s) older than ${r.adminBefore}`;
  const head = r.dryRun ? 'would delete' : r.interrupted ? 'stopped: deleted' : 'deleted';
  const tail = r.dryRun ? ' (dry run: nothing deleted)' : '; the purge is recorded in the audit log (countersign audit --admin)';
  return `${head} ${r.deleted} audit record(s) older than ${r.before} and ${admin}${tail}`;
}

export const auditPurgeAction = (o: AuditPurgeOptions) => withApp(async (app) => {
  const stop = new AbortController();
  const onInterrupt = (): void => {
    if (!stop.signal.aborted) process.stderr.write('countersign: stopping after the batch under way (Ctrl-C again ends at once)\n');
    else process.exit(130);
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  const view = o.progress === false || o.dryRun ? undefined : showProgress({ label: 'audit purge', unit: 'records', everyMs: 2000 });
  if (view) process.stderr.write('audit purge: counting the records due (a full pass over them on a large table)\n');
  try {
    const r = await purgeAuditLog(app.admin, cliActor(), {
      before: o.before, adminBefore: o.adminBefore, dryRun: o.dryRun, adminDays: app.config.auditAdminRetentionDays,
      signal: stop.signal, progress: view && ((done, total) => view.update(done, total)),
    });
    view?.stop();
    report(app, r, o, describePurge);
    if (r.ok && r.value.interrupted) process.exitCode = 130;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
});
