// `countersign audit` (issue 5): reads the audit log of the configured store, filtered by user, serial,
// status, time range, door and administrative changes (`--admin`); one line per entry, ISO-8601 times, or
// `--json`. Entries hold no secret by construction.
import type { Command } from 'commander';
import { readAudit } from '../../admin/audit.js';
import type { AuditEntry } from '../../engine/ports.js';
import { report, withApp, type OutputOptions } from './admin-run.js';

interface AuditOptions extends OutputOptions { admin?: boolean; door?: string; user?: string; serial?: string; status?: string; since?: string; until?: string; limit?: string }

const line = (e: AuditEntry): string => [
  new Date(e.at).toISOString(), e.door, e.componentType, e.userId === null ? '-' : `${e.domain ?? ''}\\${e.userId}`,
  e.serialNo ?? '-', `STAT_${e.status} (${e.statusCode})`, e.sourceAddress ?? '-', e.detail ?? '',
].join('  ').trimEnd();

export function auditCommand(cmd: Command): Command {
  return cmd.description('read the audit log, oldest first')
    .option('--user <userId>', 'only this user ID').option('--serial <serial>', 'only this authenticator')
    .option('--status <name>', 'only this status, e.g. STAT_OTP_INCORRECT').option('--since <instant>', 'from this ISO-8601 instant')
    .option('--until <instant>', 'before this ISO-8601 instant').option('--limit <n>', 'at most this many entries', '1000')
    .option('--admin', 'only administrative changes (who, which command, which object; door cli, admin-soap or console)')
    .option('--door <door>', 'only this door: soap, radius, rest, cli, admin-soap, console').option('--json', 'print JSON')
    .action((o: AuditOptions) => withApp(async (app) => {
      const r = await readAudit(app.admin, { admin: o.admin, door: o.door, userId: o.user, serial: o.serial, status: o.status, since: o.since, until: o.until, limit: Number(o.limit) });
      const withTime = r.ok ? { ok: true as const, value: r.value.map((e) => ({ time: new Date(e.at).toISOString(), ...e })) } : r;
      report(app, withTime, o, (es) => es.map(line).join('\n') || '(no entries)');
    }));
}
