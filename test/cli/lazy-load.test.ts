// The command line's definitions load none of the commands' dependencies (src/doors/cli/lazy.ts): reading
// every command's help (what --help, --version and npm run docs do) leaves the store, argon2, logging,
// metrics, XML and the doors unloaded, and a command loads its own implementation only when it runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { ROOT } from '../support/engine-harness.js';

/** Packages that only a command's implementation may load. */
const HEAVY = ['typeorm', 'better-sqlite3', 'argon2', 'pino', 'prom-client', 'ajv', 'qrcode', 'soap', 'pg'];

/** CommonJS packages (require.cache) loaded by a fresh process after `script`; every one of HEAVY is CommonJS. */
function packagesLoadedBy(script: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const main = pathToFileURL(join(ROOT, 'dist/src/doors/cli/main.js')).href;
  const code = `import { createRequire } from 'node:module';
const cli = await import(${JSON.stringify(main)});
${script}
const loaded = Object.keys(createRequire(import.meta.url).cache).map((f) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean);
process.stdout.write(JSON.stringify([...new Set(loaded)]));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, env, encoding: 'utf8' });
  return JSON.parse(out.slice(out.lastIndexOf('['))) as string[];
}

describe('command line: lazy loading', function () {
  this.timeout(30_000);

  it('defines every command and prints its help without loading a command\'s dependencies', () => {
    const loaded = packagesLoadedBy(`const visit = (c) => { c.helpInformation(); c.commands.forEach(visit); };
visit(cli.program);`);
    expect(loaded).to.include('commander');
    expect(loaded.filter((p) => HEAVY.includes(p))).to.deep.equal([]);
  });

  it('loads a command\'s implementation when it runs: user list opens the store', () => {
    const dir = mkdtempSync(join(tmpdir(), 'countersign-lazy-'));
    try {
      const env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key') };
      const loaded = packagesLoadedBy(`await cli.program.parseAsync(['node', 'countersign', 'user', 'list', '--json']);`, env);
      expect(loaded).to.include.members(['typeorm', 'better-sqlite3', 'argon2']);
      expect(loaded.filter((p) => ['ajv', 'qrcode', 'prom-client'].includes(p)), 'no door, no metrics for an administration command').to.deep.equal([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
