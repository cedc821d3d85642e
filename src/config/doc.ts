// Renders the configuration schema as the Markdown table of docs/configuration.md (npm run docs; test/docs/generated.test.ts).
import { SCHEMA } from './schema.js';

export function configTableMarkdown(): string {
  const rows = Object.entries(SCHEMA).map(([key, s]) =>
    `| \`${s.env}\` | \`${key}\` | \`${JSON.stringify(s.default)}\` | ${s.doc} |`);
  return ['| environment | file key | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
