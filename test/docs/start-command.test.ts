// The README's start command and the `countersign` executable run Node alike: the V8 flags of
// package.json's "start" script are the ones bin/countersign.js's shebang passes (docs/benchmarks.md).
import { readFileSync } from 'node:fs';
import { expect } from 'chai';

const root = new URL('../../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: { start: string }; bin: Record<string, string> };

describe('start command', () => {
  it('gives node the same flags from npm start as from the countersign executable', () => {
    const start = pkg.scripts.start.split(/\s+/);
    expect(start[0]).to.equal('node');
    const startFlags = start.slice(1, start.indexOf(pkg.bin.countersign!));
    const shebang = readFileSync(new URL(pkg.bin.countersign!, root), 'utf8').split('\n')[0]!;
    expect(shebang.startsWith('#!/usr/bin/env -S node')).to.equal(true);
    expect(shebang.split(/\s+/).slice(3)).to.deep.equal(startFlags);
    expect(startFlags).to.include.members(['--max-semi-space-size=8', '--heap-growing-percent=50']);
  });
});
