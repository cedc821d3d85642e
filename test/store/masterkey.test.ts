// Master key file handling (spec: flows.md §1 secrets at rest): load hex or base64, create with
// mode 0600 when absent, clear errors naming the file otherwise.
import { expect } from 'chai';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterKeyError, dataFolderOf, loadMasterKey, loadOrCreateMasterKey, prepareMasterKey } from '../../src/store/masterkey.js';
import { existsSync } from 'node:fs';
import { openStore } from '../../src/store/store.js';

const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');

async function rejection(p: Promise<unknown>): Promise<Error> {
  try { await p; } catch (err) { return err as Error; }
  throw new Error('expected a rejection');
}

describe('store/masterkey', function () {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'countersign-key-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a key written as hex or as base64', async () => {
    writeFileSync(join(dir, 'hex.key'), KEY.toString('hex').toUpperCase() + '\n', { mode: 0o600 });
    writeFileSync(join(dir, 'b64.key'), KEY.toString('base64'), { mode: 0o600 });
    expect((await loadMasterKey(join(dir, 'hex.key'))).key.equals(KEY)).to.equal(true);
    const b64 = await loadOrCreateMasterKey(join(dir, 'b64.key'));
    expect(b64.key.equals(KEY)).to.equal(true);
    expect(b64).to.include({ created: false, looseMode: false });
  });

  it('creates a missing key file with mode 0600 and says so; the next call reads the same key', async () => {
    const path = join(dir, 'sub', 'master.key');
    const first = await loadOrCreateMasterKey(path);
    expect(first.created).to.equal(true);
    expect(first.key).to.have.length(32);
    expect(statSync(path).mode & 0o777).to.equal(0o600);
    expect(readFileSync(path, 'utf8').trim()).to.equal(first.key.toString('hex'));
    const second = await loadOrCreateMasterKey(path);
    expect(second.created).to.equal(false);
    expect(second.key.equals(first.key)).to.equal(true);
  });

  it('refuses a key of the wrong size, naming the file and what to do', async () => {
    const path = join(dir, 'short.key');
    writeFileSync(path, KEY.subarray(0, 16).toString('hex'));
    const err = await rejection(loadOrCreateMasterKey(path));
    expect(err).to.be.instanceOf(MasterKeyError);
    expect(err.message).to.include(path).and.to.include('64 hex characters').and.to.include('Restore the original key file');
    writeFileSync(path, '');
    expect((await rejection(loadMasterKey(path))).message).to.include('empty');
  });

  it('reports a missing file for load, and a group-readable key file', async () => {
    const missing = join(dir, 'none.key');
    expect((await rejection(loadMasterKey(missing))).message).to.include(missing).and.to.include('ENOENT');
    const loose = join(dir, 'loose.key');
    writeFileSync(loose, KEY.toString('hex'));
    chmodSync(loose, 0o644);
    expect((await loadMasterKey(loose)).looseMode).to.equal(true);
  });

  it('a start writes a new key only when the store allows it, and its folder only inside the data folder', async () => {
    const outside = await prepareMasterKey(join(dir, 'etc', 'master.key'), join(dir, 'data'));
    expect((await rejection(outside.save!())).message).to.include(join(dir, 'etc')).and.to.include('does not exist');
    expect(existsSync(join(dir, 'etc'))).to.equal(false);
    const keyPath = join(dir, 'data', 'keys', 'master.key');
    const url = `sqlite:${join(dir, 'data', 'cs.db')}`;
    expect(dataFolderOf(url)).to.equal(join(dir, 'data'));
    const fresh = await prepareMasterKey(keyPath, dataFolderOf(url));
    const store = await openStore(url, { masterKey: fresh.key, saveNewMasterKey: fresh.save });
    await store.createAuthenticator({ serial: 'SEALED0001', kind: 'totp', secret: Buffer.from('sealed secret') });
    await store.close();
    expect(statSync(keyPath).mode & 0o777).to.equal(0o600);
    expect(statSync(join(dir, 'data', 'keys')).mode & 0o777).to.equal(0o700);
    rmSync(keyPath);
    const lost = await prepareMasterKey(keyPath, dataFolderOf(url));
    const refused = await rejection(openStore(url, { masterKey: lost.key, saveNewMasterKey: lost.save }));
    expect(refused.name).to.equal('MasterKeyMissingError');
    expect(existsSync(keyPath)).to.equal(false);
  });
});
