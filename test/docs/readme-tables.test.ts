// The README's status-code and configuration tables are exactly what the code defines.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { statusTableMarkdown } from '../../src/domain/status-doc.js';
import { configTableMarkdown } from '../../src/config/doc.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The README's table that starts with the same header line as `table`, up to the next blank line. */
function tableIn(text: string, table: string): string {
  const start = text.indexOf(table.split('\n')[0]);
  if (start < 0) return '';
  const end = text.indexOf('\n\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

describe('README tables', () => {
  it('lists every status code exactly as the catalogue defines it', () => {
    expect(tableIn(readme, statusTableMarkdown())).to.equal(statusTableMarkdown());
  });
  it('lists every configuration setting exactly as the schema defines it', () => {
    expect(tableIn(readme, configTableMarkdown())).to.equal(configTableMarkdown());
  });
});
