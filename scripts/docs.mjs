// Rewrites the generated sections of the manual from the code: docs/configuration.md (settings schema),
// docs/status-codes.md (status catalogue), docs/cli.md (the CLI's own --help). Run as `npm run docs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sections, withSection } from '../dist/src/docs/generated.js';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const s of sections()) {
  const path = `${root}${s.file}`;
  const before = readFileSync(path, 'utf8');
  const after = withSection(before, s.name, await s.text());
  if (after !== before) writeFileSync(path, after);
  process.stdout.write(`${s.file}: ${after === before ? 'up to date' : 'rewritten'}\n`);
}
