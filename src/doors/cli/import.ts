// `countersign authenticator import <file>` and `countersign import <file>` (issue 5 "Import"): an OATH
// CSV file (streamed), a seed document (`import` only; the demo seed loads the same way) or a PSKC
// document (plain, or encrypted under --psk/--psk-file or --password/--password-file, RFC 6030 §6)
// through the import use cases, both streamed; shows progress on stderr (issue 17: a bar on a terminal,
// plain lines otherwise, off with --no-progress), and prints one summary on stdout (imported, skipped,
// failed, each refused row by line number or key package and reason, bounded; never a secret). Exit
// status 1 when a row failed. Also the key options shared with `authenticator export`.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AdminServices } from '../../admin/services.js';
import { countLines, importOathCsv, type ImportSummary, type RowProblem } from '../../admin/import-csv.js';
import { MAX_LISTED_FAILED } from '../../admin/import-rows.js';
import { importPskc, type PskcKeys } from '../../admin/import-pskc.js';
import { importSeedFile } from '../../admin/import-seed.js';
import type { OutputOptions } from './admin-run.js';
import { showProgress, type ProgressView } from './progress.js';

/** The key options of PSKC import and export (`--psk`, `--psk-file`, `--password`, `--password-file`). */
export interface PskcKeyOptions { psk?: string; pskFile?: string; password?: string; passwordFile?: string }

export interface ImportOptions extends OutputOptions, PskcKeyOptions { progress?: boolean; format?: string }

/** How to give each kind of key, for messages. */
export const KEY_HINTS = {
  psk: '--psk <hex>, --psk-file <path> or COUNTERSIGN_PSKC_PSK',
  password: '--password <pw>, --password-file <path> or COUNTERSIGN_PSKC_PASSWORD',
} as const;

function hexKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new Error(`${where}: the pre-shared key must be hexadecimal (32, 48 or 64 hex digits)`);
  return Buffer.from(hex, 'hex');
}

/** Reads the key options: a file's pre-shared key is hex text, or 16/24/32 raw bytes; a password file's last newline is dropped. */
export function pskcKeysOf(o: PskcKeyOptions): PskcKeys {
  if (o.psk !== undefined && o.pskFile !== undefined) throw new Error('give either --psk or --psk-file, not both');
  if (o.password !== undefined && o.passwordFile !== undefined) throw new Error('give either --password or --password-file, not both');
  let psk: Buffer | undefined;
  if (o.psk !== undefined) psk = hexKey(o.psk, '--psk');
  if (o.pskFile !== undefined) {
    const raw = readFileSync(o.pskFile);
    psk = /^[0-9a-fA-F\s]+$/.test(raw.toString('latin1')) || ![16, 24, 32].includes(raw.length) ? hexKey(raw.toString('latin1'), '--psk-file') : raw;
  }
  const password = o.passwordFile !== undefined ? readFileSync(o.passwordFile, 'utf8').replace(/\r?\n$/, '') : o.password;
  return { ...(psk ? { psk } : {}), ...(password !== undefined ? { password } : {}) };
}

/** The file's format: `--format`, else `.xml`/`.pskc` files are PSKC, `.json` a seed, everything else CSV. */
const formatOf = (file: string, o: ImportOptions): string =>
  o.format ?? (/\.(xml|pskc|pskcxml)$/i.test(file) ? 'pskc' : /\.json$/i.test(file) ? 'seed' : 'csv');

const placeOf = (p: RowProblem): string =>
  `${p.line > 0 ? `line ${p.line}` : ''}${p.serial ? ` (${p.serial})` : ''}${p.line > 0 || p.serial ? ': ' : ''}`;

/**
 * The one summary: counts, then each listed failure with its reason, skipped rows as one line of
 * serials (never a line each), and how many problems the bounded list left out.
 */
export function summaryText(s: ImportSummary): string {
  const lines = [`imported ${s.imported}, skipped ${s.skipped}, failed ${s.failed}`];
  for (const p of s.problems) if (!p.skipped) lines.push(`  ${placeOf(p)}${p.reason}`);
  const skipped = s.problems.filter((p) => p.skipped).map((p) => p.serial);
  if (skipped.length > 0) lines.push(`  skipped, the serial exists already: ${skipped.join(', ')}${s.skipped > skipped.length ? ` and ${s.skipped - skipped.length} more` : ''}`);
  const failedLeftOut = (s.unlisted ?? 0) - Math.max(0, s.skipped - skipped.length);
  if (failedLeftOut > 0) lines.push(`  ... and ${failedLeftOut} more failed rows (only the first ${MAX_LISTED_FAILED} are listed)`);
  return lines.join('\n');
}

/** The progress display of an import, or undefined with --no-progress. */
function progressOf(file: string, format: string, o: ImportOptions): ProgressView | undefined {
  if (o.progress === false) return undefined;
  const unit = format === 'pskc' ? 'key packages' : format === 'seed' ? 'records' : 'lines';
  return showProgress({ label: `import ${basename(file)}`, unit });
}

async function pskcSummary(svc: AdminServices, file: string, o: ImportOptions, view?: ProgressView): Promise<ImportSummary> {
  const summary = await importPskc(svc, file, { ...pskcKeysOf(o), ...(view ? { progress: (n, total) => view.update(n, total) } : {}) });
  view?.stop();
  if (summary.needs) throw new Error(`${file}: ${summary.problems[0]?.reason ?? 'the document is encrypted'}; nothing was imported. Pass ${KEY_HINTS[summary.needs]}`);
  return summary;
}

async function csvSummary(svc: AdminServices, file: string, view?: ProgressView): Promise<ImportSummary> {
  if (!view) return importOathCsv(svc, file);
  const total = await countLines(file);
  view.update(0, total);
  const summary = await importOathCsv(svc, file, (n) => view.update(n, total), 100, total);
  view.update(total, total);
  view.stop();
  return summary;
}

/** `countersign import`: a seed document (users, authenticators, policies...) or, like `authenticator import`, CSV/PSKC. */
export async function importAnyCommand(svc: AdminServices, file: string, o: ImportOptions): Promise<void> {
  if (formatOf(file, o) !== 'seed') return importCommand(svc, file, o);
  const view = progressOf(file, 'seed', o);
  const s = await importSeedFile(svc, file, view ? (n, total) => view.update(n, total) : undefined).finally(() => view?.stop());
  const text = `imported ${s.users} users, ${s.authenticators} authenticators, ${s.policies} policies, ${s.clients} clients, ${s.pending} pending records`;
  process.stdout.write(o.json ? `${JSON.stringify(s)}\n` : `${text}\n`);
}

export async function importCommand(svc: AdminServices, file: string, o: ImportOptions): Promise<void> {
  const format = formatOf(file, o);
  if (format !== 'csv' && format !== 'pskc') throw new Error(`unknown import format "${format}" (csv or pskc)`);
  const view = progressOf(file, format, o);
  const summary = format === 'pskc' ? await pskcSummary(svc, file, o, view) : await csvSummary(svc, file, view);
  process.stdout.write(o.json ? `${JSON.stringify(summary)}\n` : `${summaryText(summary)}\n`);
  if (summary.failed > 0) process.exitCode = 1;
}
