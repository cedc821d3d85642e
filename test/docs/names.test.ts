// Every name the manual gives exists (docs/README.md "Writing docs"): the repository paths, npm scripts,
// `countersign` commands and HTTP routes that README.md and docs/**/*.md name in code, and the target
// (and #anchor) of every relative link; and no file of the repository points outside it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { expect } from 'chai';
import { commandTree } from '../../src/docs/generated.js';
import { manualFiles, readPage, ROOT, startDemoServer, type DemoServer, type Page } from './support.js';

const pages = manualFiles().map(readPage);
const codeOf = (p: Page): string[] => [...p.inline, ...p.fences.map((f) => f.body)];
const every = (re: RegExp, group = 1): { page: string; name: string }[] =>
  pages.flatMap((p) => codeOf(p).flatMap((c) => [...c.matchAll(re)].map((m) => ({ page: p.file, name: m[group]! }))));

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export const anchorOf = (heading: string): string => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
const anchorsIn = (file: string): Set<string> => new Set(readPage(file).prose.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => anchorOf(l.replace(/^#+ /, ''))));

describe('docs: every name exists', function () {
  this.timeout(120_000);

  it('repository paths named in code exist', () => {
    const named = every(/(?<![\w./:-])((?:src|test|fixtures|docs|bench|wsdl|scripts|bin|\.ci)\/[\w.\-/]*)/g);
    const missing = named.map(({ page, name }) => ({ page, name: name.replace(/[.,:]+$/, '') }))
      .filter(({ name }) => !existsSync(join(ROOT, name)));
    expect(named.length).to.be.above(50);
    expect(missing).to.deep.equal([]);
  });

  it('relative links lead to files inside the repository, and their #anchors to headings', () => {
    const broken: string[] = [];
    for (const p of pages) {
      for (const [, target] of p.prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue;
        const [path, anchor] = target!.split('#') as [string, string | undefined];
        const file = path === '' ? p.file : normalize(join(dirname(p.file), path));
        if (file.startsWith('..')) broken.push(`${p.file}: ${target} leaves the repository`);
        else if (!existsSync(join(ROOT, file))) broken.push(`${p.file}: ${target} does not exist`);
        else if (anchor && file.endsWith('.md') && !anchorsIn(file).has(anchor)) broken.push(`${p.file}: ${target} names no heading`);
      }
    }
    expect(broken).to.deep.equal([]);
  });

  it('npm scripts named exist in package.json', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const named = [...every(/\bnpm run ([\w:-]+)/g), ...every(/\bnpm (start|test)\b/g)];
    expect(named.map((n) => n.name)).to.include.members(['start', 'test', 'docs']);
    expect(named.filter(({ name }) => !(name in scripts))).to.deep.equal([]);
  });

  it('countersign commands named exist in the program', async () => {
    const tree = await commandTree();
    const paths = new Set(tree.map((c) => c.path.join(' ')));
    const hasSubcommands = new Set(tree.filter((c) => c.path.length === 1 && /\nCommands:\n/.test(c.help)).map((c) => c.path[0]!));
    // `countersign` as a command, not the service account named after it (`sudo -u countersign sh`, `install -o countersign -g countersign`).
    const named = every(/(?:^|[\s(`$])(?<!-[ugo] )countersign ([a-z][\w-]*)(?: ([a-z][\w-]*))?/gm, 0).map(({ page, name }) => {
      const [, first, second] = /countersign ([a-z][\w-]*)(?: ([a-z][\w-]*))?/.exec(name)!;
      return { page, name: hasSubcommands.has(first!) && second ? `${first} ${second}` : first! };
    });
    expect(named.map((n) => n.name)).to.include.members(['serve', 'otp', 'call', 'user create']);
    expect(named.filter(({ name }) => !paths.has(name))).to.deep.equal([]);
  });

  describe('HTTP routes', () => {
    let server: DemoServer;
    before(async () => { server = await startDemoServer({ COUNTERSIGN_DEVICE_SIMULATOR: '1' }); });
    after(async () => { await server?.stop(); });
    it('every route named answers something other than 404', async () => {
      const named = [...every(/\b(?:GET|POST|PUT|DELETE)(?:\|(?:GET|POST))* (\/[^\s`'"?)[\]]*)/g), ...every(/localhost:8888(\/[^\s`'"?)\\]*)/g)]
        .map(({ page, name }) => ({ page, name: name.replace(/<serial>/g, 'VDS0000004').replace(/[.,]+$/, '') }))
        .filter(({ name }) => !/[<{…*]|\/hashqr\//.test(name));
      expect(named.map((n) => n.name)).to.include.members(['/connector/radius', '/authentication']);
      const unknown: string[] = [];
      for (const { page, name } of named) {
        const res = await fetch(`http://127.0.0.1:${server.httpPort}${name}`);
        if (res.status === 404) unknown.push(`${page}: ${name}`);
      }
      expect(unknown).to.deep.equal([]);
    });
  });

  it('no file of the repository names a path outside it', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n').filter((f) => f && f !== 'package-lock.json' && existsSync(join(ROOT, f)));
    const outside = files.filter((f) => {
      const text = readFileSync(join(ROOT, f));
      return !text.includes(0) && /\/work\/|\.\.\/shared\//.test(text.toString('utf8'));
    });
    expect(outside).to.deep.equal([]);
  });
});
