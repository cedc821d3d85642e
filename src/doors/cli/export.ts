// `countersign authenticator export` (issue 5; RFC 6030): writes the chosen authenticators (all, or each
// --serial) as a PSKC document to --out (created 0600) or standard output, secrets encrypted under
// --psk/--psk-file or --password/--password-file, in clear only with --show-secret. The summary goes
// to stdout with --out, else to stderr (stdout is the document); refusals exit with status 1.
import { writePrivateFile } from '../../runtime/private-files.js';
import { DEFAULT_ITERATIONS, exportPskc, type ExportProtection } from '../../admin/export-pskc.js';
import type { AdminServices } from '../../admin/services.js';
import { KEY_HINTS, pskcKeysOf, type PskcKeyOptions } from './import.js';

export interface ExportOptions extends PskcKeyOptions {
  serial?: string[];
  out?: string;
  showSecret?: boolean;
  iterations?: string;
  json?: boolean;
}

function protectionOf(o: ExportOptions): ExportProtection {
  const keys = pskcKeysOf(o);
  const given = [keys.psk, keys.password, o.showSecret].filter((k) => k !== undefined && k !== false).length;
  if (given === 0) throw new Error(`refusing to write secrets in clear: pass ${KEY_HINTS.psk}, or ${KEY_HINTS.password}, or --show-secret for plain values`);
  if (given > 1) throw new Error('give one of a pre-shared key, a password or --show-secret');
  if (keys.psk) return { psk: keys.psk };
  if (keys.password !== undefined) {
    const iterations = Number(o.iterations ?? DEFAULT_ITERATIONS);
    if (!Number.isInteger(iterations) || iterations < 1000 || iterations > 10_000_000) throw new Error('--iterations must be 1000 to 10000000');
    return { password: keys.password, iterations };
  }
  return 'plain';
}

export async function exportCommand(svc: AdminServices, o: ExportOptions): Promise<void> {
  const r = await exportPskc(svc, { serials: o.serial ?? [], protection: protectionOf(o) });
  if (!r.ok) throw new Error(r.detail);
  if (o.out) writePrivateFile(o.out, r.value.xml);
  else process.stdout.write(r.value.xml);
  const summary = { exported: r.value.exported.length, skipped: r.value.skipped, ...(o.out ? { out: o.out } : {}) };
  const text = [`exported ${summary.exported}${o.out ? ` to ${o.out}` : ''}, skipped ${summary.skipped.length}`,
    ...summary.skipped.map((s) => `  (${s.serial}): ${s.reason}`)].join('\n');
  (o.out ? process.stdout : process.stderr).write(`${o.json ? JSON.stringify(summary) : text}\n`);
}
