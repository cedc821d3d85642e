// Renders the status catalogue as the README's Markdown table (kept identical by a test).
import { STATUS } from './status.js';

export function statusTableMarkdown(): string {
  const rows = Object.entries(STATUS).map(([key, r]) =>
    `| ${r.code} | ${r.name} | ${key} | ${r.confidence} | ${r.generic ? 'G' : ''} | ${r.message} |`);
  return ['| code | name | config key | conf. | generic | message |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
