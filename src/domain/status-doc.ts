// Renders the status catalogue as the Markdown table of docs/status-codes.md (npm run docs; test/docs/generated.test.ts).
import { STATUS } from './status.js';

export function statusTableMarkdown(): string {
  const rows = Object.entries(STATUS).map(([key, r]) =>
    `| ${r.code} | ${r.name} | ${key} | ${r.confidence} | ${r.generic ? 'G' : ''} | ${r.message} |`);
  return ['| code | name | config key | conf. | generic | message |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
