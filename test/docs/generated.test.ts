// The generated sections of the manual (configuration table, status table, CLI reference) are exactly
// what the code defines: after changing a setting, a status row or a command, run `npm run docs`.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { sectionIn, sections } from '../../src/docs/generated.js';

const root = new URL('../../../', import.meta.url);

describe('generated docs', () => {
  for (const s of sections()) {
    it(`${s.file} holds the ${s.name} section as the code generates it (else run npm run docs)`, async () => {
      const doc = readFileSync(new URL(s.file, root), 'utf8');
      const section = sectionIn(doc, s.name);
      expect(section, `${s.file} has no GENERATED ${s.name} markers`).to.not.equal(undefined);
      expect(section).to.equal((await s.text()).trim());
    });
  }
  it('lists every command of the program, the new call command included', async () => {
    const cli = readFileSync(new URL('docs/cli.md', root), 'utf8');
    for (const heading of ['### `countersign call`', '### `countersign user create`', '### `countersign authenticator import`']) {
      expect(cli).to.include(heading);
    }
  });
});
