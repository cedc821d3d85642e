// The REST doors never log an API key, OTP or seed (other-frontends.md §2): every line the whole
// server logs at trace level while serving REST requests is checked for them.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../../src/config/load.js';
import { createApp, startServer, type Running } from '../../../src/main.js';
import { call } from './support.js';

const T = Date.UTC(2026, 5, 1, 9, 0, 0);

describe('REST doors: nothing secret in the logs', function () {
  this.timeout(30_000);
  const lines: string[] = [];
  let running: Running;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-rest-logs-'));
    const config = loadConfig({
      COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
      COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1',
    });
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    running = await startServer(await createApp(config, { clock: { now: () => T }, log: pino({ level: 'trace' }, sink) }));
  });
  after(async () => { await running.close(); rmSync(dir, { recursive: true, force: true }); });

  it('logs neither the API key, the OTP nor the seed of any request', async () => {
    const key = 'demo-api-key';
    const c = JSON.parse((await call(`${running.url}createuser?api_key=${key}&email=log%40example.com&format=1`)).text) as Record<string, string>;
    expect(c.success).to.equal(true);
    await call(`${running.url}validate?api_key=${key}&userid=${c.userid}&token=987654&format=1`);
    await call(`${running.url}validate?api_key=wrong-key-31337&userid=${c.userid}&token=987655&format=1`);
    await call(`${running.url}connector/radius`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'jane.doe', password: '1234987656' }) });
    await call(`${running.url}connector/radius`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{"login":' });
    const all = lines.join('');
    for (const secret of [key, 'wrong-key-31337', '987654', '987655', '987656', c.hash!]) expect(all).to.not.contain(secret);
  });
});
