// `countersign backup` (issue 17 "backups"): a server on a SQLite file keeps authenticating (HOTP, each
// success moves the counter) while the store is copied, through the API (one page per step, with a
// write forcing SQLite to restart the copy) and through the real command; each copy opens with the same
// master key and holds the users, the authenticators with their sealed secrets, and a counter between
// its values before and after the copy. The file is 0600, an existing one is refused without --force,
// and a PostgreSQL store is pointed at pg_dump.
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hotp } from '../../src/otp/hotp.js';
import { parseMasterKey } from '../../src/store/masterkey.js';
import { backupSqlite } from '../../src/store/sqlite-backup.js';
import { openStore } from '../../src/store/store.js';
import { authUserEnvelope, post, startE2E, statusOf, type E2E } from '../e2e/support.js';
import { cli } from '../support/cli.js';

const SECRET = Buffer.from('12345678901234567890');
const base = { CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_PASSWORD_FORMAT: '0' };

/** The next HOTP counter of john.smith's authenticator (all logons of this file go through it). */
let next = 0;

/** john.smith's HOTP logons, one after the other, until stopped; `ok()` is the next counter, failures are kept. */
function logons(e: E2E): { readonly ok: () => number; readonly failed: string[]; started(): Promise<void>; stop(): Promise<void> } {
  let running = true;
  const failed: string[] = [];
  const loop = (async () => {
    while (running && failed.length < 20) {
      const r = await post(e.url, authUserEnvelope({ ...base, CREDFLD_USERID: 'john.smith', CREDFLD_PASSWORD: hotp(SECRET, next, 6, 'SHA1') }));
      if (statusOf(r.text) === 'STAT_SUCCESS') next++;
      else failed.push(statusOf(r.text));
    }
  })();
  const first = next;
  return {
    ok: () => next,
    failed,
    started: async () => {
      for (let i = 0; i < 3000 && next < first + 3 && failed.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(failed, 'logons before the backup').to.deep.equal([]);
    },
    stop: async () => { running = false; await loop; },
  };
}

/** What a copy holds, opened with the server's master key. */
async function openCopy(file: string, masterKey: Buffer): Promise<{ users: number; lastStep: number; secret: string }> {
  const store = await openStore(`sqlite:${file}`, { masterKey });
  try {
    const hotpAuth = (await store.findBySerial('VDS0000002'))!;
    return { users: (await store.listUsers(0, 1000)).length, lastStep: hotpAuth.lastStep!, secret: hotpAuth.secret.toString('utf8') };
  } finally {
    await store.close();
  }
}

describe('command line: backup of a SQLite store while the server runs', function () {
  this.timeout(120_000);
  let e: E2E;
  let db: string;
  let masterKey: Buffer;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    e = await startE2E();
    db = join(e.dir, 'cs.db');
    masterKey = parseMasterKey(readFileSync(join(e.dir, 'master.key'), 'utf8'), 'master.key');
    env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${db}`, COUNTERSIGN_MASTER_KEY_FILE: join(e.dir, 'master.key') };
  });
  after(() => e.stop());

  it('copies a consistent snapshot through the API, restarting after a write and then copying the rest at once', async () => {
    const load = logons(e);
    await load.started();
    const writer = new Database(db);
    const seen: number[] = [];
    const before = load.ok();
    const result = await backupSqlite(db, join(e.dir, 'api.db'), {
      pagesPerStep: 1,
      onProgress: (p) => {
        seen.push(p.remainingPages);
        if (seen.length === 2) writer.pragma('user_version = 42');
      },
    });
    const after = load.ok();
    await load.stop();
    writer.close();
    expect(load.failed).to.deep.equal([]);
    expect(result.pages).to.be.above(2);
    expect(seen.at(-1)).to.equal(0);
    const restart = seen.findIndex((r, i) => i > 0 && r > seen[i - 1]);
    expect(restart, `remaining pages seen: ${seen.join(' ')}`).to.be.above(0);
    expect(seen.slice(restart + 1), 'after the restart, the rest in one step').to.deep.equal([0]);
    expect(statSync(result.file).mode & 0o777).to.equal(0o600);
    const copy = new Database(result.file, { readonly: true });
    expect(copy.pragma('user_version', { simple: true }), 'the write made during the copy is in it').to.equal(42);
    copy.close();
    const held = await openCopy(result.file, masterKey);
    expect(held).to.include({ users: 10, secret: '12345678901234567890' });
    expect(held.lastStep).to.be.within(before - 1, after - 1);
  });

  it('`countersign backup` copies while logons go on, owner-only, with progress, and refuses to overwrite without --force', async () => {
    const load = logons(e);
    await load.started();
    const file = join(e.dir, 'cli.db');
    const before = load.ok();
    const r = await cli(env, ['backup', file]);
    const after = load.ok();
    await load.stop();
    expect(r.code, r.stderr).to.equal(0);
    expect(load.failed).to.deep.equal([]);
    expect(r.stderr).to.match(/^backup: \d+\/\d+ pages \(100%\)/m);
    expect(r.stdout).to.include(`to ${file}`).and.include('mode 0600').and.include(`keep a copy of ${join(e.dir, 'master.key')}`);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    const held = await openCopy(file, masterKey);
    expect(held).to.include({ users: 10, secret: '12345678901234567890' });
    expect(held.lastStep).to.be.within(before - 1, after - 1);

    const again = await cli(env, ['backup', file, '--no-progress']);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.include(`${file} exists already; choose another file or pass --force to replace it`);
    const forced = await cli(env, ['backup', file, '--force', '--json']);
    expect(forced.code, forced.stderr).to.equal(0);
    expect(JSON.parse(forced.stdout)).to.include({ file });
    expect((await openCopy(file, masterKey)).lastStep).to.be.at.least(held.lastStep);
  });

  it('points a PostgreSQL store at pg_dump and exits 1', async () => {
    const r = await cli({ ...env, COUNTERSIGN_DATABASE: 'postgres://cs:secret@127.0.0.1:1/cs' }, ['backup', join(e.dir, 'pg.db')]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('back it up with pg_dump').and.not.include('secret@');
  });
});
