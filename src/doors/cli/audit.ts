// `countersign audit` (issue 5): reads the audit log of the configured store, filtered by user, serial,
// status, time range, door and administrative changes (`--admin`); one line per entry, ISO-8601 times, or
// `--json`. The definition; the action (audit-run.ts) loads only when it runs.
import type { Command } from 'commander';
import { lazy } from './lazy.js';

export function auditCommand(cmd: Command): Command {
  return cmd.description('read the audit log, oldest first')
    .option('--user <userId>', 'only this user ID').option('--serial <serial>', 'only this authenticator')
    .option('--status <name>', 'only this status, e.g. STAT_OTP_INCORRECT').option('--since <instant>', 'from this ISO-8601 instant')
    .option('--until <instant>', 'before this ISO-8601 instant').option('--limit <n>', 'at most this many entries', '1000')
    .option('--admin', 'only administrative changes (who, which command, which object; door cli, admin-soap or console)')
    .option('--door <door>', 'only this door: soap, radius, rest, cli, admin-soap, console').option('--json', 'print JSON')
    .action(lazy(() => import('./audit-run.js'), (m) => m.auditAction));
}
