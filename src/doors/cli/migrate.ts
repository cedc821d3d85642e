// `countersign migrate`: brings the schema of COUNTERSIGN_DATABASE up to date and says which
// migrations ran (docs/upgrade.md: run it once before starting upgraded nodes).
import { loadConfig } from '../../config/load.js';
import { describeDatabase } from '../../main.js';
import { migrateDatabase } from '../../store/datasource.js';
import { storeStartError } from '../../runtime/startup-errors.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function migrateCommand(): Promise<void> {
  const config = loadConfig(process.env);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`Database: ${describeDatabase(config.database)}`);
  const { applied, known } = await migrateDatabase(config.database, config.dbConnectTimeoutMs)
    .catch((err: unknown) => { throw storeStartError(err, config.database, config.masterKeyFile); });
  if (applied.length === 0) {
    say(`Schema up to date: nothing to apply (${plural(known.length, 'migration')} known, all applied).`);
    return;
  }
  say(`Applied ${plural(applied.length, 'migration')}:`);
  for (const name of applied) say(`  ${name}`);
}
