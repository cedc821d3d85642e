// The console's page and files (issue 21), all served by Countersign itself from memory: the HTML shell
// (an import map naming the modules, its hash in a strict Content-Security-Policy), the page's modules
// compiled by `npm run build` (tsconfig.web.json → dist/console-web), its style sheet, and Preact and htm
// read from node_modules as ES modules (no bundler, no network at run time).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../runtime/project-root.js';

export interface Asset { readonly body: Buffer; readonly type: string; readonly etag: string }

const JS = 'text/javascript; charset=utf-8';
const etagOf = (b: Buffer): string => `"${createHash('sha256').update(b).digest('base64url').slice(0, 22)}"`;
const asset = (body: Buffer, type: string): Asset => ({ body, type, etag: etagOf(body) });

/** The third-party modules: the name the page imports → the module file of the installed package. */
const VENDOR: Readonly<Record<string, string>> = { preact: 'preact', 'preact/hooks': 'preact/hooks', htm: 'htm', 'htm/preact': 'htm/preact' };
const vendorPath = (name: string): string => `/console/assets/vendor/${name.replace('/', '-')}.js`;

export const WEB_DIR = join(PROJECT_ROOT, 'dist', 'console-web');
const CSS_FILE = join(PROJECT_ROOT, 'src', 'doors', 'console', 'web', 'console.css');

function loadFiles(): Map<string, Asset> {
  const files = new Map<string, Asset>();
  for (const [name, spec] of Object.entries(VENDOR)) files.set(vendorPath(name), asset(readFileSync(fileURLToPath(import.meta.resolve(spec))), JS));
  if (existsSync(WEB_DIR)) {
    for (const f of readdirSync(WEB_DIR)) if (f.endsWith('.js')) files.set(`/console/assets/app/${f}`, asset(readFileSync(join(WEB_DIR, f)), JS));
  }
  files.set('/console/assets/console.css', asset(readFileSync(CSS_FILE), 'text/css; charset=utf-8'));
  return files;
}

const IMPORT_MAP = JSON.stringify({ imports: Object.fromEntries(Object.keys(VENDOR).map((n) => [n, vendorPath(n)])) });
const IMPORT_MAP_HASH = createHash('sha256').update(IMPORT_MAP).digest('base64');

/** The page's policy: its own files only, the import map by its hash, data: only for the QR image; never framed. */
export const SHELL_CSP = [
  "default-src 'none'", `script-src 'self' 'sha256-${IMPORT_MAP_HASH}'`, "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'",
].join('; ');

function shell(built: boolean): Buffer {
  const app = built ? '<script type="module" src="/console/assets/app/main.js"></script>'
    : '';
  const body = built ? '<div id="app"><p class="loading">Loading the console…</p></div>'
    : '<main class="narrow"><h1>Countersign console</h1><p role="alert">The console\'s page modules are missing: run <code>npm run build</code>, then reload.</p></main>';
  return Buffer.from(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Countersign console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/assets/console.css">
<script type="importmap">${IMPORT_MAP}</script>
${app}
</head>
<body>
${body}
</body>
</html>
`);
}

export interface Assets {
  readonly shell: Asset;
  file(path: string): Asset | undefined;
}

let loaded: Assets | undefined;

/** The files, read once per process (they do not change while it runs; a new build needs a restart). */
export function loadAssets(): Assets {
  if (loaded) return loaded;
  const files = loadFiles();
  const assets: Assets = { shell: asset(shell(files.has('/console/assets/app/main.js')), 'text/html; charset=utf-8'), file: (p) => files.get(p) };
  if (files.has('/console/assets/app/main.js')) loaded = assets;
  return assets;
}
