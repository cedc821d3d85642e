// Headless Chromium for the console's browser tests and screenshots (issue 21): Debian's
// /usr/bin/chromium driven by playwright-core, never a downloaded browser; no sandbox (tests run as
// root in containers), no GPU, no background networking, a fresh profile in a temporary folder.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.COUNTERSIGN_TEST_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The browser's command when installed, else undefined (needTool decides between skipping and failing). */
export const chromiumPath = (): string | undefined => (existsSync(CHROMIUM) ? CHROMIUM : undefined);

export interface Browser { readonly context: BrowserContext; close(): Promise<void> }

/** One browser with a fresh profile; `close` removes the profile too. */
export async function launchBrowser(executablePath: string, viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'countersign-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS, viewport });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}
