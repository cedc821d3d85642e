// `countersign backup <file>` (issue 17 "backups"): a consistent copy of the configured SQLite store,
// safe while the server runs (store/sqlite-backup.ts), owner-only, with progress on stderr and a
// reminder that the master key is not in it. PostgreSQL stores are backed up with pg_dump: the command
// says so and exits 1. Restore is in docs/operations/backup.md.
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { parseStoreUrl } from '../../store/datasource.js';
import { backupSqlite } from '../../store/sqlite-backup.js';
import { showProgress } from './progress.js';

export interface BackupCommandOptions { force?: boolean; progress?: boolean; json?: boolean }

export const PG_DUMP_HINT = 'COUNTERSIGN_DATABASE is a PostgreSQL database: back it up with pg_dump '
  + '(e.g. pg_dump --format=custom --file=countersign.dump "$COUNTERSIGN_DATABASE"; see docs/operations/backup.md); '
  + '`countersign backup` copies SQLite stores only';

export async function backupCommand(file: string, o: BackupCommandOptions): Promise<void> {
  const config = loadConfig(process.env, { demo: false, logLevel: 'silent' });
  const store = parseStoreUrl(config.database);
  if (store.dialect === 'postgres') throw new Error(PG_DUMP_HINT);
  if (store.target === ':memory:') throw new Error('COUNTERSIGN_DATABASE is sqlite::memory:, which keeps nothing to back up');
  const view = o.progress === false ? undefined : showProgress({ label: 'backup', unit: 'pages', everyMs: 2000 });
  const result = await backupSqlite(resolve(store.target), resolve(file), {
    force: o.force,
    onProgress: (p) => view?.update(p.totalPages - p.remainingPages, p.totalPages),
  });
  view?.stop();
  const key = resolve(config.masterKeyFile);
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ ...result, masterKeyFile: key })}\n`);
    return;
  }
  process.stdout.write(`backed up ${resolve(store.target)} to ${result.file} (${result.pages} pages, ${result.bytes} bytes, mode 0600)\n`
    + `the master key is not in the backup: keep a copy of ${key} too, or the sealed secrets in this backup cannot be opened\n`);
}
