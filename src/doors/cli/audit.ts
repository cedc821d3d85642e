// `countersign audit` (issue 5): reads the audit log of the configured store, filtered by user, serial,
// status, time range, door and administrative changes (`--admin`); one line per entry, ISO-8601 times, or
// `--json`. `countersign audit purge` deletes old records (docs/operations/audit-retention.md). The
// definitions; the actions (audit-run.ts, audit-purge-run.ts) load only when they run.
import type { Command } from 'commander';
import { lazy } from './lazy.js';

export function auditCommand(cmd: Command): Command {
  // Options after `purge` are purge's own (`--json` is both the listing's and purge's).
  cmd.enablePositionalOptions();
  cmd.command('purge')
    .description('delete audit records older than --before, in small batches, safe while the server runs; the purge is recorded as an administrative change')
    .requiredOption('--before <when>', 'delete records older than this: an ISO-8601 instant (2025-01-01T00:00:00Z) or days before now (365d)')
    .option('--admin-before <when>', 'administrative records older than this go too (not later than --before); default: those older than COUNTERSIGN_AUDIT_ADMIN_RETENTION_DAYS')
    .option('--dry-run', 'only count the records that would be deleted')
    .option('--no-progress', 'show no progress on stderr')
    .option('--json', 'print the result as JSON')
    .action(lazy(() => import('./audit-purge-run.js'), (m) => m.auditPurgeAction));
  return cmd.description('read the audit log, oldest first (purge: delete old records)')
    .option('--user <userId>', 'only this user ID').option('--serial <serial>', 'only this authenticator')
    .option('--status <name>', 'only this status, e.g. STAT_OTP_INCORRECT').option('--since <instant>', 'from this ISO-8601 instant')
    .option('--until <instant>', 'before this ISO-8601 instant').option('--limit <n>', 'at most this many entries', '1000')
    .option('--admin', 'only administrative changes (who, which command, which object; door cli, admin-soap or console)')
    .option('--door <door>', 'only this door: soap, radius, rest, cli, admin-soap, console').option('--json', 'print JSON')
    .action(lazy(() => import('./audit-run.js'), (m) => m.auditAction));
}
