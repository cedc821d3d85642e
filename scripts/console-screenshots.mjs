// Draws the console's screenshots for docs/console.md (docs/images/console-*.png): a demo server with the
// device simulator in a temporary folder, Debian's Chromium through playwright-core, a little traffic
// (a wrong OTP, a held push), then one picture per main page. Run as `npm run docs:screenshots`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../dist/src/config/load.js';
import { createApp, startServer } from '../dist/src/main.js';
import { chromiumPath, launchBrowser } from '../dist/test/support/browser.js';
import { authUserEnvelope } from '../dist/test/e2e/support.js';

const out = fileURLToPath(new URL('../docs/images/', import.meta.url));
const chromium = chromiumPath();
if (!chromium) throw new Error('Chromium is not installed (Debian: apt-get install chromium)');
const dir = mkdtempSync(join(tmpdir(), 'countersign-shots-'));
const running = await startServer(await createApp(loadConfig({
  COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'), COUNTERSIGN_HTTP_PORT: '0',
  COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_LOG_LEVEL: 'silent', COUNTERSIGN_DEVICE_SIMULATOR: '1',
})));
const soap = (fields) => fetch(running.url, { method: 'POST', headers: { 'Content-Type': 'text/xml' },
  body: authUserEnvelope({ CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_PASSWORD_FORMAT: '0', ...fields }) });
const browser = await launchBrowser(chromium, { width: 1100, height: 680 });
try {
  const page = await browser.context.newPage();
  const shot = (name) => page.screenshot({ path: join(out, `console-${name}.png`) });
  await page.goto(`${running.url}console`);
  await page.getByLabel('User ID').fill('admin');
  await page.getByLabel('Password').fill('Admin-Passw0rd');
  await shot('logon');
  await page.getByRole('button', { name: 'Log on' }).click();
  await page.locator('.live-state[data-state="live"]').waitFor();
  await soap({ CREDFLD_USERID: 'jane.doe', CREDFLD_PASSWORD: '1234000001' });
  await soap({ CREDFLD_USERID: 'john.smith', CREDFLD_PASSWORD: '755224' });
  await soap({ CREDFLD_USERID: 'alice.static', CREDFLD_PASSWORD: 'Alice-Passw0rd' });
  await page.getByText('alice.static').first().waitFor();
  await shot('audit');
  await page.goto(`${running.url}console#/users/master/jane.doe`);
  await page.getByRole('button', { name: 'Enrol a new TOTP' }).click();
  await page.locator('figure.qr img').waitFor();
  await page.locator('figure.qr').scrollIntoViewIfNeeded();
  await shot('enrol');
  const held = soap({ CREDFLD_USERID: 'carol.push', CREDFLD_PASSWORD: 'push' });
  await page.goto(`${running.url}console#/pushes`);
  await page.getByRole('button', { name: 'Approve carol.push' }).waitFor();
  await shot('pushes');
  await page.getByRole('button', { name: 'Approve carol.push' }).click();
  await held;
  await page.goto(`${running.url}console#/qa`);
  await page.locator('code.otp').first().waitFor();
  await shot('qa');
  await page.setViewportSize({ width: 390, height: 760 });
  await page.goto(`${running.url}console#/users/master/jane.doe`);
  await page.getByText('Last logon').waitFor();
  await shot('phone');
  process.stdout.write(`docs/images/console-{logon,audit,enrol,pushes,qa,phone}.png written\n`);
} finally {
  await browser.close();
  await running.close();
  rmSync(dir, { recursive: true, force: true });
}
