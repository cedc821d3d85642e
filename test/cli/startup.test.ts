// `countersign serve` fails loudly, never half-way (issue 17): each start-up error ends the process
// with status 1 and one message on stderr naming the setting or resource, and nothing is left
// listening (the banner never appears, the process is gone). The failing starts run side by side.
import { createServer as createTcp, type Server as TcpServer } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { get as httpsGet } from 'node:https';
import { serveEnv, serveToEnd, startServe, type Failed } from '../support/serve-process.js';
import { ROOT } from '../support/engine-harness.js';

const TLS_DIR = join(ROOT, 'test', 'record', 'tls');

const listenTcp = (s: TcpServer) => new Promise<number>((ok) => s.listen(0, '127.0.0.1', () => ok((s.address() as { port: number }).port)));
const bindUdp = (s: Socket) => new Promise<number>((ok) => s.bind(0, '127.0.0.1', () => ok(s.address().port)));

/** Each case: its extra settings (given the scratch folder) and what its one message must say. */
interface Case { readonly env: (dir: string) => Record<string, string>; readonly says: RegExp[]; readonly prepare?: (dir: string) => void }

describe('serve: start-up errors', function () {
  this.timeout(300_000);
  const root = mkdtempSync(join(tmpdir(), 'countersign-start-'));
  const results = new Map<string, Failed>();
  const dirs = new Map<string, string>();
  const busyTcp = createTcp();
  const busyUdp = createSocket('udp4');
  const blackHole = createTcp(() => { /* accepts and never answers, like a host behind a dropping firewall */ });
  const ports = { tcp: 0, udp: 0, hole: 0, closed: 0 };

  const cases: Record<string, Case> = {
    'a bad setting': { env: () => ({ COUNTERSIGN_HTTP_PORT: 'eighty' }), says: [/COUNTERSIGN_HTTP_PORT/, /unset it/] },
    'a bad COUNTERSIGN_RADIUS_CLIENTS entry': {
      env: () => ({ COUNTERSIGN_RADIUS_ENABLED: '1', COUNTERSIGN_RADIUS_CLIENTS: '[{"address": "10.0.0.1"}]' }),
      says: [/COUNTERSIGN_RADIUS_CLIENTS/, /secret is required/, /COUNTERSIGN_RADIUS_ENABLED=0/] },
    'the HTTP port in use': { env: () => ({ COUNTERSIGN_HTTP_PORT: String(ports.tcp) }), says: [/COUNTERSIGN_HTTP_PORT/, /EADDRINUSE/, /HTTP cannot listen on 127\.0\.0\.1:\d+/] },
    'the RADIUS port in use': {
      env: () => ({ COUNTERSIGN_RADIUS_ENABLED: '1', COUNTERSIGN_RADIUS_PORT: String(ports.udp) }),
      says: [/COUNTERSIGN_RADIUS_PORT/, /EADDRINUSE/, /COUNTERSIGN_RADIUS_ENABLED=0/] },
    'a PostgreSQL host that never answers': {
      env: () => ({ COUNTERSIGN_DATABASE: `postgres://cs:pa55word@127.0.0.1:${ports.hole}/cs`, COUNTERSIGN_DB_CONNECT_TIMEOUT_MS: '500' }),
      says: [/COUNTERSIGN_DATABASE \(postgres:\/\/cs:\*\*\*@127\.0\.0\.1/, /timeout/i, /COUNTERSIGN_DB_CONNECT_TIMEOUT_MS/] },
    'a PostgreSQL port that refuses': {
      env: () => ({ COUNTERSIGN_DATABASE: `postgres://cs:pa55word@127.0.0.1:${ports.closed}/cs` }), says: [/COUNTERSIGN_DATABASE/, /ECONNREFUSED/] },
    'a failing migration': {
      prepare: (dir) => { mkdirSync(join(dir, 'data')); new Database(join(dir, 'data', 'cs.db')).exec('CREATE TABLE users (x INTEGER)').close(); },
      env: () => ({}), says: [/COUNTERSIGN_DATABASE \(sqlite:/, /migrations failed/, /already exists/] },
    'a file that is not a database': {
      prepare: (dir) => { mkdirSync(join(dir, 'data')); writeFileSync(join(dir, 'data', 'cs.db'), 'not a database, just text that is long enough to have a header'); },
      env: () => ({}), says: [/COUNTERSIGN_DATABASE/, /SQLITE_NOTADB/] },
    'a database path under a file': {
      prepare: (dir) => writeFileSync(join(dir, 'plain-file'), 'x'),
      env: (dir) => ({ COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'plain-file', 'cs.db')}` }), says: [/COUNTERSIGN_DATABASE/, /plain-file/, /not a folder/] },
    'a key file in a folder outside the data folder': {
      env: (dir) => ({ COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'elsewhere', 'master.key') }), says: [/COUNTERSIGN_MASTER_KEY_FILE/, /elsewhere does not exist/] },
    'a TLS key without certificate': { env: (dir) => ({ COUNTERSIGN_TLS_KEY_FILE: join(dir, 'key.pem') }), says: [/COUNTERSIGN_TLS_CERT_FILE: not set/] },
    'an unreadable TLS file': {
      env: (dir) => ({ COUNTERSIGN_TLS_KEY_FILE: join(dir, 'none.pem'), COUNTERSIGN_TLS_CERT_FILE: join(dir, 'none.pem') }),
      says: [/COUNTERSIGN_TLS_KEY_FILE: cannot read .*none\.pem \(ENOENT\)/] },
    'a TLS key that is not the certificate\'s': {
      env: () => ({ COUNTERSIGN_TLS_KEY_FILE: join(TLS_DIR, 'server.key'), COUNTERSIGN_TLS_CERT_FILE: join(TLS_DIR, 'ca.pem') }),
      says: [/COUNTERSIGN_TLS_KEY_FILE\/COUNTERSIGN_TLS_CERT_FILE/, /not a usable PEM key and certificate pair/] },
    'a TLS pair that is not PEM': {
      prepare: (dir) => writeFileSync(join(dir, 'bad.pem'), 'not pem'),
      env: (dir) => ({ COUNTERSIGN_TLS_KEY_FILE: join(dir, 'bad.pem'), COUNTERSIGN_TLS_CERT_FILE: join(dir, 'bad.pem') }),
      says: [/COUNTERSIGN_TLS_KEY_FILE\/COUNTERSIGN_TLS_CERT_FILE/, /not a usable PEM/] },
  };

  before(async () => {
    ports.tcp = await listenTcp(busyTcp);
    ports.udp = await bindUdp(busyUdp);
    ports.hole = await listenTcp(blackHole);
    const closed = createTcp();
    ports.closed = await listenTcp(closed);
    await new Promise((ok) => closed.close(ok));
    await Promise.all(Object.entries(cases).map(async ([name, c], i) => {
      const dir = join(root, String(i));
      mkdirSync(dir);
      dirs.set(name, dir);
      c.prepare?.(dir);
      results.set(name, await serveToEnd(serveEnv(dir, c.env(dir)), dir, 200_000));
    }));
  });
  after(() => {
    busyTcp.close();
    busyUdp.close();
    blackHole.close();
    rmSync(root, { recursive: true, force: true });
  });

  for (const [name, c] of Object.entries(cases)) {
    it(`stops with status 1 and one message for ${name}`, () => {
      const r = results.get(name)!;
      expect(r.code, r.stderr).to.equal(1);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, r.stderr).to.have.length(1);
      expect(lines[0]).to.match(/^countersign: /);
      for (const pattern of c.says) expect(lines[0]).to.match(pattern);
      expect(lines[0]).to.not.include('pa55word');
      expect(r.stdout).to.not.match(/listening on/);
    });
  }

  it('creates no key folder outside the data folder', () => {
    expect(existsSync(join(dirs.get('a key file in a folder outside the data folder')!, 'elsewhere'))).to.equal(false);
  });

  it('refuses to create a master key for a store that holds sealed secrets, and creates none', async () => {
    const dir = join(root, 'sealed');
    mkdirSync(dir);
    const env = serveEnv(dir);
    const first = await startServe(env, dir);
    first.child.kill('SIGTERM');
    expect(await first.exited).to.equal(0);
    const keyFile = env.COUNTERSIGN_MASTER_KEY_FILE!;
    rmSync(keyFile);
    const r = await serveToEnd(env, dir);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include(`COUNTERSIGN_MASTER_KEY_FILE: ${keyFile} is missing`).and.to.include('restore the key file from your backup');
    expect(r.stderr.trimEnd().split('\n')).to.have.length(1);
    expect(existsSync(keyFile)).to.equal(false);
  });

  it('serves HTTPS with both TLS files, and says so without exposure warnings on loopback', async () => {
    const dir = join(root, 'tls-ok');
    mkdirSync(dir);
    const served = await startServe(serveEnv(dir, { COUNTERSIGN_TLS_KEY_FILE: join(TLS_DIR, 'server.key'), COUNTERSIGN_TLS_CERT_FILE: join(TLS_DIR, 'server.pem') }), dir);
    try {
      expect(served.url).to.match(/^https:\/\/127\.0\.0\.1:\d+\/$/);
      expect(served.lines.join('\n')).to.not.match(/WARNING: (no TLS|demo data is present)/);
      const status = await new Promise<number | undefined>((ok, fail) => {
        httpsGet(`${served.url}?wsdl`, { ca: readFileSync(join(TLS_DIR, 'ca.pem')) }, (res) => { res.resume(); ok(res.statusCode); }).on('error', fail);
      });
      expect(status).to.equal(200);
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }
  });
});
