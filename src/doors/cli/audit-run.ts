// The action of `countersign audit` (definition in audit.ts, loaded only when it runs): reads the audit
// log, one line per entry with ISO-8601 times, or JSON. Entries hold no secret by construction.
import { readAudit } from '../../admin/audit.js';
import type { AuditEntry } from '../../engine/ports.js';
import { report, withApp, type OutputOptions } from './admin-run.js';

interface AuditOptions extends OutputOptions { admin?: boolean; door?: string; user?: string; serial?: string; status?: string; since?: string; until?: string; limit?: string }

const line = (e: AuditEntry): string => [
  new Date(e.at).toISOString(), e.door, e.componentType, e.userId === null ? '-' : `${e.domain ?? ''}\\${e.userId}`,
  e.serialNo ?? '-', `STAT_${e.status} (${e.statusCode})`, e.sourceAddress ?? '-', e.detail ?? '',
].join('  ').trimEnd();

export const auditAction = (o: AuditOptions) => withApp(async (app) => {
  const r = await readAudit(app.admin, { admin: o.admin, door: o.door, userId: o.user, serial: o.serial, status: o.status, since: o.since, until: o.until, limit: Number(o.limit) });
  const withTime = r.ok ? { ok: true as const, value: r.value.map((e) => ({ time: new Date(e.at).toISOString(), ...e })) } : r;
  report(app, withTime, o, (es) => es.map(line).join('\n') || '(no entries)');
});
