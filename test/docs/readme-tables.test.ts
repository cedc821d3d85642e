// The README's status-code and configuration tables are exactly what the code defines.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { statusTableMarkdown } from '../../src/domain/status-doc.js';
import { configTableMarkdown } from '../../src/config/doc.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('README tables', () => {
  it('lists every status code exactly as the catalogue defines it', () => {
    expect(readme).to.include(statusTableMarkdown());
  });
  it('lists every configuration setting exactly as the schema defines it', () => {
    expect(readme).to.include(configTableMarkdown());
  });
});
