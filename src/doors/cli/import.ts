// `countersign authenticator import <file>` (issue 5 "Import"): an OATH CSV file (streamed) or a plain
// PSKC document through the import use cases, shows progress on stderr, and prints a summary (imported, skipped, failed, and each
// refused row by line number and reason; never a secret). Exit status 1 when a row failed.
import type { AdminServices } from '../../admin/services.js';
import { importOathCsv, type ImportSummary } from '../../admin/import-csv.js';
import { importPskc } from '../../admin/import-pskc.js';
import type { OutputOptions } from './admin-run.js';

export interface ImportOptions extends OutputOptions { progress?: boolean; format?: string }

/** The file's format: `--format`, else `.xml`/`.pskc` files are PSKC and everything else CSV. */
const formatOf = (file: string, o: ImportOptions): string => o.format ?? (/\.(xml|pskc)$/i.test(file) ? 'pskc' : 'csv');

function summaryText(s: ImportSummary): string {
  const lines = [`imported ${s.imported}, skipped ${s.skipped}, failed ${s.failed}`];
  for (const p of s.problems) lines.push(`  ${p.line > 0 ? `line ${p.line}` : ''}${p.serial ? ` (${p.serial})` : ''}${p.line > 0 || p.serial ? ': ' : ''}${p.reason}`);
  return lines.join('\n');
}

export async function importCommand(svc: AdminServices, file: string, o: ImportOptions): Promise<void> {
  const showProgress = o.progress ?? process.stderr.isTTY === true;
  const progress = showProgress ? (n: number) => process.stderr.write(`\rimporting: ${n} rows`) : undefined;
  const format = formatOf(file, o);
  if (format !== 'csv' && format !== 'pskc') throw new Error(`unknown import format "${format}" (csv or pskc)`);
  const summary = format === 'pskc' ? await importPskc(svc, file) : await importOathCsv(svc, file, progress);
  if (showProgress) process.stderr.write('\n');
  process.stdout.write(o.json ? `${JSON.stringify(summary)}\n` : `${summaryText(summary)}\n`);
  if (summary.failed > 0) process.exitCode = 1;
}
