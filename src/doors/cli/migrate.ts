// `countersign migrate`: brings the schema of COUNTERSIGN_DATABASE up to date and says which
// migrations ran (docs/upgrade.md: run it once before starting upgraded nodes).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { describeDatabase } from '../../main.js';
import { migrateDatabase } from '../../store/datasource.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function migrateCommand(): Promise<void> {
  const config = loadConfig(process.env);
  const file = /^sqlite:(.+)$/.exec(config.database)?.[1];
  if (file && file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`Database: ${describeDatabase(config.database)}`);
  const { applied, known } = await migrateDatabase(config.database);
  if (applied.length === 0) {
    say(`Schema up to date: nothing to apply (${plural(known.length, 'migration')} known, all applied).`);
    return;
  }
  say(`Applied ${plural(applied.length, 'migration')}:`);
  for (const name of applied) say(`  ${name}`);
}
