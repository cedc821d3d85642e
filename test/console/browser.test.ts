// The console in a real browser (issue 21): Debian's Chromium, headless, against one demo server with
// the device simulator. An administrator logs on, sees a SOAP authUser appear in the live audit, unlocks
// a locked user (the next logon succeeds), enrols a TOTP whose QR code read from a screenshot is the
// otpauth URI of the stored secret, approves a held push (the SOAP call answers STAT_SUCCESS), gives a
// user an e-mail address and a virtual authenticator (the OTP delivered logs on), pages through a long
// list, is refused a change without the CSRF token, and logs off.
import { expect } from 'chai';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { decodeBase32 } from '../../src/otp/base32.js';
import { totp } from '../../src/otp/totp.js';
import { authUserEnvelope, needTool, post, startE2E, statusOf, type E2E } from '../e2e/support.js';
import { pushLogin } from '../e2e/push-support.js';
import { readOutbox } from '../../src/delivery/outbox.js';
import { chromiumPath, launchBrowser, type Browser } from '../support/browser.js';

const SECRET = Buffer.from('12345678901234567890');
const jsQR = jsQRModule as unknown as (data: Uint8ClampedArray, w: number, h: number) => { data: string } | null;
const soap = (e2e: E2E, fields: Record<string, string>) => post(e2e.url, authUserEnvelope({ CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_PASSWORD_FORMAT: '0', ...fields }));

describe('console in a browser (Chromium)', function () {
  this.timeout(30_000);
  let e2e: E2E;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async function () {
    const chromium = needTool(this, chromiumPath(), 'Chromium', 'chromium');
    [e2e, browser] = await Promise.all([startE2E(undefined, { COUNTERSIGN_DEVICE_SIMULATOR: '1' }), launchBrowser(chromium)]);
    page = await browser.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });
  afterEach(() => expect(pageErrors, 'errors in the page').to.deep.equal([]));
  after(async () => { await browser?.close(); await e2e?.stop(); });

  it('logs on as the demo administrator, with an HttpOnly, SameSite=Strict session cookie', async () => {
    await page.goto(`${e2e.url}console`);
    await page.getByLabel('User ID').fill('admin');
    await page.getByLabel('Password').fill('Admin-Passw0rd');
    await page.getByRole('button', { name: 'Log on' }).click();
    await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
    const [cookie] = await browser.context.cookies();
    expect(cookie).to.include({ name: 'countersign-console', httpOnly: true, sameSite: 'Strict', path: '/console' });
    expect(cookie!.value).to.match(/^[0-9a-f]{32}$/);
  });

  it('shows a SOAP authUser live in the audit view, and links to its user', async () => {
    await page.locator('.live-state[data-state="live"]').waitFor();
    expect(statusOf((await soap(e2e, { CREDFLD_USERID: 'john.smith', CREDFLD_PASSWORD: '000000' })).text)).to.equal('STAT_OTP_INCORRECT');
    const row = page.getByRole('region', { name: 'Live audit records, newest first' }).getByRole('row').filter({ hasText: 'john.smith' }).first();
    await row.getByText('STAT_OTP_INCORRECT').waitFor();
    expect(await row.textContent()).to.include('soap');
    await row.getByRole('link', { name: 'master\\john.smith' }).click();
    await page.getByRole('heading', { name: 'master\\john.smith' }).waitFor();
  });

  it('searches the stored audit by user and by time', async () => {
    await page.goto(`${e2e.url}console#/audit`);
    await page.getByRole('form', { name: 'Search filters' }).getByLabel('User ID').fill('john.smith');
    await page.getByLabel('Until').fill('2020-01-01T00:00');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No stored record matches.').waitFor();
    await page.getByLabel('Until').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    const stored = page.getByRole('region', { name: 'Stored audit records, newest first' });
    await stored.getByRole('row').filter({ hasText: 'STAT_OTP_INCORRECT' }).first().waitFor();
    expect(await stored.getByRole('row').filter({ hasNotText: 'john.smith' }).count()).to.equal(1);
  });

  it('unlocks a locked user, and the next logon succeeds', async () => {
    // Three different wrong codes (a client's retry of the same wrong code counts once).
    for (let i = 1; i <= 3; i++) await soap(e2e, { CREDFLD_USERID: 'jane.doe', CREDFLD_PASSWORD: `123400000${i}` });
    const good = () => `1234${totp(SECRET, Date.now(), 30, 6, 'SHA1')}`;
    expect(statusOf((await soap(e2e, { CREDFLD_USERID: 'jane.doe', CREDFLD_PASSWORD: good() })).text)).to.equal('STAT_LOCKED');
    await page.goto(`${e2e.url}console#/users/master/jane.doe`);
    await page.getByText('yes (failure count 3)').waitFor();
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('status').filter({ hasText: 'Unlocked' }).waitFor();
    await page.getByText('no (failure count 0)').waitFor();
    expect(statusOf((await soap(e2e, { CREDFLD_USERID: 'jane.doe', CREDFLD_PASSWORD: good() })).text)).to.equal('STAT_SUCCESS');
  });

  it('enrols a TOTP: the QR code read from a screenshot is the otpauth URI of the stored secret', async () => {
    await page.goto(`${e2e.url}console#/users/master/alice.static`);
    await page.getByRole('button', { name: 'Enrol a new TOTP' }).click();
    const img = page.getByRole('img', { name: /QR code of the otpauth URI of TOTP-/ });
    const png = PNG.sync.read(await img.screenshot());
    const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    const shown = (await page.locator('code.uri').textContent())!;
    expect(read?.data).to.equal(shown);
    const uri = new URL(read!.data);
    expect([uri.protocol, uri.host, decodeURIComponent(uri.pathname)]).to.deep.equal(['otpauth:', 'totp', '/Countersign:alice.static']);
    const serial = /of (TOTP-[0-9A-F]+)$/.exec((await img.getAttribute('alt'))!)![1]!;
    const stored = await e2e.running.app.store.findBySerial(serial);
    expect(decodeBase32(uri.searchParams.get('secret')!).equals(stored!.secret)).to.equal(true);
    await page.getByRole('link', { name: serial }).waitFor();
  });

  it('approves a held push as the device would, and the SOAP call answers STAT_SUCCESS', async () => {
    await page.goto(`${e2e.url}console#/pushes`);
    const held = pushLogin(e2e.url);
    await page.getByRole('button', { name: 'Approve carol.push' }).click();
    await page.getByRole('status').filter({ hasText: 'STAT_SUCCESS' }).waitFor();
    expect((await held).status).to.equal('STAT_SUCCESS');
    await page.getByText('No push transaction is waiting.').waitFor();
  });

  it('QA helpers: sends an authUser with the current code of a demo token and shows the answer', async () => {
    await page.goto(`${e2e.url}console#/qa`);
    const code = (await page.getByRole('row').filter({ hasText: 'VDS0000002' }).locator('code.otp').textContent())!;
    await page.getByLabel('User ID').fill('john.smith');
    await page.getByLabel('Password (PIN + OTP, or push)').fill(code);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('region', { name: 'Answer' }).getByText(/STAT_SUCCESS/).waitFor();
    expect(await page.getByRole('region', { name: 'Request' }).textContent()).to.include('<attributeID>CREDFLD_USERID</attributeID>');
  });

  it('sets a user\'s e-mail and creates a virtual authenticator; the user asks for an OTP and logs on with the one delivered', async () => {
    await e2e.running.app.store.createUser({ domain: 'master', userId: 'vic.console' });
    await page.goto(`${e2e.url}console#/users/master/vic.console`);
    await page.getByLabel('E-mail', { exact: true }).fill('vic@example.com');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'E-mail and mobile saved' }).waitFor();
    await page.getByLabel('New static password').fill('Vic-Passw0rd');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('status').filter({ hasText: 'Static password set' }).waitFor();
    await page.getByLabel('Virtual authenticator serial').fill('VIR-CONSOLE-1');
    await page.getByLabel('Delivery').selectOption('email');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Created virtual authenticator VIR-CONSOLE-1' }).waitFor();
    const row = page.getByRole('region', { name: 'Authenticators of this user' }).getByRole('row').filter({ hasText: 'VIR-CONSOLE-1' });
    expect(await row.textContent()).to.include('virtual');
    expect(await e2e.running.app.store.findBySerial('VIR-CONSOLE-1')).to.include({ kind: 'virtual', delivery: 'email', backup: false });
    // The keyword asks for an OTP (to the outbox here: no SMTP server); the static password and the OTP, with the challenge key, log on.
    const sent = (await soap(e2e, { CREDFLD_USERID: 'vic.console', CREDFLD_PASSWORD: 'sendotp' })).text;
    expect(statusOf(sent)).to.equal('STAT_OTP_SENT');
    const key = /<value xsi:type="xsd:string">([^<]+)<\/value><attributeID>CREDFLD_CHALLENGE_KEY/.exec(sent)![1]!;
    const mail = (await readOutbox(e2e.running.app.outbox!)).filter((m) => m.to === 'vic@example.com').pop()!;
    const otp = /\b(\d{6})\b/.exec(mail.text)![1]!;
    const logon = { CREDFLD_USERID: 'vic.console', CREDFLD_PASSWORD: `Vic-Passw0rd${otp}`, CREDFLD_CHALLENGE_KEY: key };
    expect(statusOf((await soap(e2e, logon)).text)).to.equal('STAT_SUCCESS');
  });

  it('pages through a list longer than a page: Next shows the rest, Previous the first page again', async () => {
    for (let i = 1; i <= 55; i++) await e2e.running.app.store.createUser({ domain: 'master', userId: `pager.${String(i).padStart(2, '0')}` });
    await page.goto(`${e2e.url}console#/users`);
    await page.getByLabel('Search user IDs').fill('pager.');
    await page.getByRole('button', { name: 'Search' }).click();
    const users = page.getByRole('region', { name: 'Users' });
    const pages = page.getByRole('navigation', { name: 'Users pages' });
    // The unfiltered first page shows "1-50" too: wait for a user only the search's first page holds.
    await users.getByRole('link', { name: 'master\\pager.50' }).waitFor();
    await pages.getByText('1-50').waitFor();
    expect(await users.getByRole('link', { name: /^master\\pager\./ }).count()).to.equal(50);
    expect(await pages.getByRole('button', { name: 'Previous' }).isDisabled()).to.equal(true);
    await pages.getByRole('button', { name: 'Next' }).click();
    await pages.getByText('51-55').waitFor();
    await users.getByRole('link', { name: 'master\\pager.55' }).waitFor();
    expect(await users.getByRole('link', { name: /^master\\pager\./ }).count()).to.equal(5);
    expect(await pages.getByRole('button', { name: 'Next' }).isDisabled()).to.equal(true);
    await pages.getByRole('button', { name: 'Previous' }).click();
    await users.getByRole('link', { name: 'master\\pager.01' }).waitFor();
  });

  it('refuses a change without the CSRF token (403) and changes nothing', async () => {
    const tried = await page.evaluate(async () => {
      const res = await fetch('/console/api/users/master/bob.ocra', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ disabled: true }) });
      return { status: res.status, body: await res.json() as { status: string } };
    });
    expect(tried).to.deep.equal({ status: 403, body: { status: 'STAT_PERMISSION', statusCode: 1005, message: 'The CSRF token is missing or wrong (X-CSRF-Token): reload the console' } });
    expect((await e2e.running.app.store.findUser('master', 'bob.ocra'))!.disabled).to.equal(false);
  });

  it('logs off: the logon form returns and the session is gone', async () => {
    await page.goto(`${e2e.url}console#/audit`);
    await page.getByRole('button', { name: 'Log off' }).click();
    await page.getByText('You are logged off.').waitFor();
    expect(await page.evaluate(async () => (await fetch('/console/api/session')).status)).to.equal(401);
  });
});
