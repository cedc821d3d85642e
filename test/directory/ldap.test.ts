// The LDAP target system against a real OpenLDAP slapd: bind as the user by DN template or by
// search-then-bind, wrong and empty passwords, filter injection, pooled connections; and against a
// directory that never answers: `unreachable` within the configured time, the process responsive.
import { expect } from 'chai';
import { LdapDirectory, type LdapOptions } from '../../src/directory/ldap.js';
import { escapeDnValue, escapeFilterValue } from '../../src/directory/escape.js';
import { directoryFromConfig } from '../../src/directory/index.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import {
  ADMIN_DN, ADMIN_PASSWORD, PEOPLE, TEMPLATE, USER_PASSWORD, freePort, hasSlapd, startSilentLdap, startSlapd, type TestDirectory,
} from './slapd.js';

const user = (userId: string) => ({ domain: 'master', userId });
const options = (url: string, extra: Partial<LdapOptions> = {}): LdapOptions => ({
  url, bindDn: TEMPLATE, searchBase: null, searchFilter: '(uid={user})', serviceDn: null, servicePassword: null,
  connectTimeoutMs: 1000, timeoutMs: 1000, poolSize: 4, ...extra,
});

describe('LDAP escaping', () => {
  it('escapes DN values (RFC 4514) and filter values (RFC 4515)', () => {
    expect(escapeDnValue('a,b+c"d\\e<f>g;h=i')).to.equal('a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\=i');
    expect(escapeDnValue('#lead trail ')).to.equal('\\#lead trail\\ ');
    expect(escapeFilterValue('*)(uid=*')).to.equal('\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b\u0000')).to.equal('a\\5cb\\00');
  });
});

describe('LDAP target system from configuration', () => {
  it('none without a URL; a URL needs a bind DN template or a search base', async () => {
    expect(directoryFromConfig(loadConfig({}))).to.equal(undefined);
    expect(() => directoryFromConfig(loadConfig({ COUNTERSIGN_LDAP_URL: 'ldap://127.0.0.1:1' }))).to.throw(ConfigError, /COUNTERSIGN_LDAP_BIND_DN/);
    const d = directoryFromConfig(loadConfig({ COUNTERSIGN_LDAP_URL: 'ldap://127.0.0.1:1', COUNTERSIGN_LDAP_BIND_DN: TEMPLATE }));
    expect(d).to.be.instanceOf(LdapDirectory);
    await d!.close();
  });
});

describe('LDAP target system on OpenLDAP slapd (Debian slapd)', function () {
  this.timeout(30_000);
  let slapd: TestDirectory;
  const open: LdapDirectory[] = [];
  const directory = (extra: Partial<LdapOptions> = {}) => { const d = new LdapDirectory(options(slapd.url, extra)); open.push(d); return d; };

  before(async function () {
    if (!hasSlapd()) {
      process.stdout.write('    slapd not found: install Debian packages slapd and ldap-utils (.ci/run does) to run these tests\n');
      this.skip();
    }
    slapd = await startSlapd(['jane.doe', 'john.smith']);
  });
  afterEach(async () => { await Promise.all(open.splice(0).map((d) => d.close())); });
  after(async () => { await slapd?.stop(); });

  it('binds as the user through the DN template: right, wrong, unknown user, empty password', async () => {
    const d = directory();
    expect(await d.verify(user('jane.doe'), USER_PASSWORD)).to.equal('ok');
    expect(await d.verify(user('jane.doe'), 'wrong')).to.equal('wrong');
    expect(await d.verify(user('nobody'), USER_PASSWORD)).to.equal('wrong');
    expect(await d.verify(user('jane.doe'), '')).to.equal('wrong');
  });

  it('searches with the service account, then binds as the found DN', async () => {
    const d = directory({ bindDn: null, searchBase: PEOPLE, serviceDn: ADMIN_DN, servicePassword: ADMIN_PASSWORD });
    expect(await d.verify(user('john.smith'), USER_PASSWORD)).to.equal('ok');
    expect(await d.verify(user('john.smith'), 'nope')).to.equal('wrong');
    expect(await d.verify(user('nobody'), USER_PASSWORD)).to.equal('wrong');
    expect(await d.verify(user('*'), USER_PASSWORD), 'a wildcard user name is escaped, not a match-all').to.equal('wrong');
    expect(await d.verify(user('jane.doe)(uid=*'), USER_PASSWORD)).to.equal('wrong');
  });

  it('a wrong service password makes the directory unreachable (not the user\'s fault)', async () => {
    const d = directory({ bindDn: null, searchBase: PEOPLE, serviceDn: ADMIN_DN, servicePassword: 'wrong' });
    expect(await d.verify(user('john.smith'), USER_PASSWORD)).to.equal('unreachable');
  });

  it('answers 200 concurrent verifications right, reusing pooled connections', async () => {
    const d = directory();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => d.verify(user(i % 2 ? 'jane.doe' : 'john.smith'), i % 3 ? USER_PASSWORD : 'bad')));
    results.forEach((r, i) => expect(r, `request ${i}`).to.equal(i % 3 ? 'ok' : 'wrong'));
    expect(await d.verify(user('jane.doe'), USER_PASSWORD)).to.equal('ok');
  });
});

describe('LDAP target system that does not answer', function () {
  this.timeout(20_000);

  it('a silent directory is unreachable within connect + operation timeout, and the event loop stays free', async () => {
    const silent = await startSilentLdap();
    const d = new LdapDirectory(options(silent.url, { connectTimeoutMs: 300, timeoutMs: 400 }));
    try {
      const started = performance.now();
      // A timer of the same 700 ms, started alongside: on a loaded machine it fires as late as theirs do.
      const reference = new Promise<number>((ok) => setTimeout(() => ok(performance.now() - started), 700));
      const ticks: number[] = [];
      const ticker = setInterval(() => { ticks.push(performance.now()); }, 20);
      const results = await Promise.all(Array.from({ length: 20 }, () => d.verify(user('jane.doe'), USER_PASSWORD)));
      clearInterval(ticker);
      const ended = performance.now();
      const took = ended - started;
      expect(results.every((r) => r === 'unreachable')).to.equal(true);
      expect(took).to.be.within(350, (await reference) + 500);
      // Free throughout: no stall of the loop as long as the connect timeout (a blocking wait would be one).
      const stalls = [started, ...ticks, ended].slice(1).map((t, i) => t - [started, ...ticks][i]!);
      expect(ticks.length).to.be.greaterThan(1);
      expect(Math.max(...stalls)).to.be.below(300);
      expect(silent.connections()).to.be.greaterThan(0);
    } finally { await d.close(); await silent.stop(); }
  });

  it('a closed port is unreachable at once', async () => {
    const d = new LdapDirectory(options(`ldap://127.0.0.1:${await freePort()}`, { connectTimeoutMs: 2000, timeoutMs: 2000 }));
    const started = performance.now();
    expect(await d.verify(user('jane.doe'), USER_PASSWORD)).to.equal('unreachable');
    expect(performance.now() - started).to.be.below(1000);
    await d.close();
  });
});
