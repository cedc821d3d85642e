// Rewrites the generated tables of README.md (status codes, configuration) from the code.
// Run after `npm run build`: `npm run docs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { statusTableMarkdown } from '../dist/src/domain/status-doc.js';
import { configTableMarkdown } from '../dist/src/config/doc.js';

const replaceTable = (text, header, table) => {
  const start = text.indexOf(header);
  if (start < 0) throw new Error(`README.md: table starting "${header}" not found`);
  let end = text.indexOf('\n\n', start);
  if (end < 0) end = text.length;
  return text.slice(0, start) + table + text.slice(end);
};
let readme = readFileSync('README.md', 'utf8');
readme = readme.replace('STATUS_TABLE', statusTableMarkdown().split('\n')[0]).replace('CONFIG_TABLE', configTableMarkdown().split('\n')[0]);
readme = replaceTable(readme, '| code | name | config key |', statusTableMarkdown());
readme = replaceTable(readme, '| environment | file key |', configTableMarkdown());
writeFileSync('README.md', readme);
