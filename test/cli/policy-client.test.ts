// `countersign policy`, `client` and `user create --admin` (issue 17), run as the real binary on a
// temporary SQLite store: settings flags, RADIUS clients with their secret from stdin (sealed, never
// printed), refusals with exit 1, and the audit entries of every change (`countersign audit --admin`).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadOrCreateMasterKey } from '../../src/store/masterkey.js';
import { openStore } from '../../src/store/store.js';
import { cli } from '../support/cli.js';

const SECRET = 'nas-shared-secret-xyz';

describe('command line: policy, client, user create --admin', function () {
  this.timeout(120_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-policy-'));
    env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'), COUNTERSIGN_ARGON2_MEMORY_KIB: '1024' };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const json = async (args: string[], input = '') => {
    const r = await cli(env, [...args, '--json'], input);
    expect(r.code, r.stderr).to.equal(0);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };

  it('creates, updates, shows and deletes a policy with flags named after its settings', async () => {
    const p = await json(['policy', 'create', 'Prod', '--lock-threshold', '5', '--auto-unlock-enabled', 'true', '--auto-unlock-duration-s', '600', '--local-auth-default', 'Digipass/Password']);
    expect(p.settings).to.deep.equal({ lockThreshold: 5, autoUnlock: { enabled: true, durationS: 600 }, localAuthDefault: 'Digipass/Password' });
    const u = await json(['policy', 'update', 'Prod', '--lock-threshold', 'default', '--challenge-keyword', 'code']);
    expect(u.settings).to.deep.equal({ autoUnlock: { enabled: true, durationS: 600 }, localAuthDefault: 'Digipass/Password', challengeKeyword: 'code' });
    expect((u.effective as { lockThreshold: number }).lockThreshold).to.equal(3);
    const shown = await cli(env, ['policy', 'show', 'Prod']);
    expect(shown.stdout).to.match(/lockThreshold: 3 {2}\(default\)/).and.match(/challengeKeyword: code$/m);
    for (const [args, message] of [
      [['policy', 'create', 'Prod'], /already exists.*STAT_EXISTS/],
      [['policy', 'create', 'Bad', '--challenge-mode', 'Sometimes'], /challengeMode must be one of/],
      [['policy', 'create', 'Bad', '--lock-threshold', 'five'], /--lock-threshold must be a whole number/],
      [['policy', 'update', 'Nope', '--lock-threshold', '1'], /No policy named "Nope".*STAT_NOT_FOUND/],
    ] as const) {
      const r = await cli(env, [...args]);
      expect(r.code, r.stdout).to.equal(1);
      expect(r.stderr).to.match(message);
    }
    expect((await json(['policy', 'list'])) as unknown as unknown[]).to.have.length(1);
  });

  it('creates client components, RADIUS clients with a sealed secret from stdin, and refuses bad input', async () => {
    await json(['client', 'create', 'SOAP Auth Client', '--policy', 'Prod']);
    const c = await json(['client', 'create', 'RADIUS Client', '--policy', 'Prod', '--address', '10.0.0.0/8', '--secret-stdin', '--name', 'vpn'], `${SECRET}\n`);
    expect(c).to.deep.equal({ componentType: 'RADIUS Client', policy: 'Prod', radius: [{ address: '10.0.0.0/8', name: 'vpn', requireMessageAuthenticator: null }] });
    await json(['client', 'update', 'RADIUS Client', '--address', '192.0.2.7', '--secret-stdin', '--require-message-authenticator', 'false'], 'other');
    const listed = await cli(env, ['client', 'list']);
    expect(listed.stdout).to.include('RADIUS client: 192.0.2.7').and.include('RADIUS client: 10.0.0.0/8 (vpn)').and.not.include(SECRET);
    for (const [args, message] of [
      [['client', 'create', 'X', '--policy', 'Missing'], /No policy named "Missing"/],
      [['client', 'create', 'X', '--policy', 'Prod', '--address', '10.0.0.300', '--secret-stdin'], /not an IP address or CIDR/],
      [['client', 'create', 'X', '--policy', 'Prod', '--address', '10.1.1.1'], /--address needs --secret-stdin/],
      [['client', 'create', 'Y', '--policy', 'Prod', '--address', '192.0.2.7', '--secret-stdin'], /belongs to client component "RADIUS Client"/],
      [['policy', 'delete', 'Prod'], /is the policy of client/],
    ] as const) {
      const r = await cli(env, [...args], 's');
      expect(r.code, r.stdout).to.equal(1);
      expect(r.stderr).to.match(message);
    }
    const key = await loadOrCreateMasterKey(join(dir, 'master.key'));
    const store = await openStore(`sqlite:${join(dir, 'cs.db')}`, { masterKey: key.key });
    try {
      const radius = await store.listRadiusClients();
      expect(radius.map((r) => [r.address, r.secret.toString(), r.requireMessageAuthenticator])).to.deep.equal([['10.0.0.0/8', SECRET, null], ['192.0.2.7', 'other', false]]);
    } finally { await store.close(); }
    expect(readFileSync(join(dir, 'cs.db')).includes(Buffer.from(SECRET))).to.equal(false);
    const removed = await json(['client', 'update', 'RADIUS Client', '--remove-address', '192.0.2.7']);
    expect((removed.radius as unknown[]).length).to.equal(1);
  });

  it('makes an administrator only with a password from stdin', async () => {
    const refused = await cli(env, ['user', 'create', 'root2', '--admin']);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.match(/needs a password.*--password-stdin/);
    const u = await json(['user', 'create', 'ops', '--admin', '--password-stdin'], 'Adm1n-Secret-Pass\n');
    expect(u).to.include({ userId: 'ops', admin: true, hasPassword: true });
  });

  it('audits every change (who, command, object, outcome) and never a secret; reads are not audited', async () => {
    const entries = (await json(['audit', '--admin'])) as unknown as { door: string; domain: string; userId: string; status: string; detail: string; time: string }[];
    const details = entries.map((e) => `${e.status} ${e.detail}`);
    expect(details).to.include.members(['SUCCESS policy create Prod', 'EXISTS policy create Prod: A policy named "Prod" already exists (change it with update)',
      'SUCCESS client create RADIUS Client policy=Prod address=10.0.0.0/8', 'SUCCESS client update RADIUS Client address=192.0.2.7',
      'SUCCESS client update RADIUS Client removeAddress=192.0.2.7', 'SUCCESS user create master\\ops',
      'ERROR policy create Bad: --lock-threshold must be a whole number >= 0 (or "default"), got "five"']);
    expect(details.some((d) => d.includes('show') || d.includes('list'))).to.equal(false);
    expect(entries.every((e) => e.door === 'cli' && e.domain === 'os' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(e.time))).to.equal(true);
    const text = await cli(env, ['audit', '--admin']);
    expect(text.stdout).to.match(/^\d{4}-\d\d-\d\dT[\d:.]+Z {2}cli {2}Administration {2}os\\/m);
    for (const secret of [SECRET, 'Adm1n-Secret-Pass', 'other']) expect(text.stdout).to.not.include(`${secret}`.length > 5 ? secret : '\u0000');
    const logons = (await json(['audit', '--door', 'soap'])) as unknown as unknown[];
    expect(logons).to.deep.equal([]);
  });
});
