// Stop and drain (issue 17): a SIGTERM while a PIN+OTP authUser is being verified (argon2 made slow
// so the request is surely in flight) lets it finish: the client gets its whole STAT_SUCCESS answer,
// the process exits 0, the audit row is in the store and, after a restart, the consumed OTP answers
// STAT_OTP_REPLAY. A held push call is answered with STAT_PUSH_TIMEOUT instead of being cut.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { totp } from '../../src/otp/totp.js';
import { openStore } from '../../src/store/store.js';
import { loadMasterKey } from '../../src/store/masterkey.js';
import { serveEnv, startServe, type Served } from '../support/serve-process.js';
import { authUserEnvelope, post, statusOf } from './support.js';
import { pushLogin, waitForPending } from './push-support.js';

const JANE = { CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_PASSWORD_FORMAT: '0', CREDFLD_USERID: 'jane.doe' };
/** PIN hashes this costly take the server a good part of a second to verify: long enough to signal into. */
const SLOW_ARGON2 = { COUNTERSIGN_ARGON2_MEMORY_KIB: '65536', COUNTERSIGN_ARGON2_TIME_COST: '4' };

/** CPU time (clock ticks) the process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuTicks(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** The process's CPU time once it has stopped moving for 200 ms (the server idle after its start). */
async function idleTicks(pid: number): Promise<number | undefined> {
  let last = cpuTicks(pid);
  for (let i = 0; i < 100 && last !== undefined; i++) {
    await sleep(200);
    const now = cpuTicks(pid);
    if (now === last) return now;
    last = now;
  }
  return last;
}

/** Resolves once the idle server has visibly started on the request: 5 more CPU ticks (else 300 ms). */
async function busy(pid: number, idle: number | undefined): Promise<void> {
  await sleep(20);
  if (idle === undefined) return void await sleep(300);
  for (let i = 0; i < 2000 && (cpuTicks(pid) ?? Infinity) < idle + 5; i++) await sleep(5);
}

const stop = async (s: Served | undefined) => { if (s && s.child.exitCode === null) { s.child.kill('SIGTERM'); await s.exited; } };

describe('serve: stop and drain', function () {
  this.timeout(300_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let served: Served | undefined;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-drain-'));
    env = serveEnv(dir, { ...SLOW_ARGON2, COUNTERSIGN_DEVICE_SIMULATOR: '1', COUNTERSIGN_LOG_LEVEL: 'info', COUNTERSIGN_SHUTDOWN_TIMEOUT_MS: '120000' });
  });
  afterEach(() => stop(served));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a PIN+OTP authUser in flight at SIGTERM in full, exits 0, and keeps its audit row and consumed OTP', async () => {
    served = await startServe(env, dir);
    const pid = served.child.pid!;
    const password = `1234${totp(Buffer.from('12345678901234567890'), Date.now(), 30, 6, 'SHA1')}`;
    const idle = await idleTicks(pid);
    const answer = post(served.url, authUserEnvelope({ ...JANE, CREDFLD_PASSWORD: password }));
    await busy(pid, idle);
    served.child.kill('SIGTERM');
    const reply = await answer;
    expect(reply.status).to.equal(200);
    expect(statusOf(reply.text)).to.equal('STAT_SUCCESS');
    expect(reply.text).to.match(/<\/[\w-]+:Envelope>\s*$/);
    expect(await served.exited).to.equal(0);
    expect(served.lines.join('\n')).to.match(/Countersign stopped/);

    const key = await loadMasterKey(env.COUNTERSIGN_MASTER_KEY_FILE!);
    const store = await openStore(env.COUNTERSIGN_DATABASE!, { masterKey: key.key });
    const audit = await store.listAudit({ userId: 'jane.doe' });
    await store.close();
    expect(audit.map((a) => a.status)).to.deep.equal(['SUCCESS']);

    served = await startServe(env, dir);
    const again = await post(served.url, authUserEnvelope({ ...JANE, CREDFLD_PASSWORD: password }));
    expect(statusOf(again.text)).to.equal('STAT_OTP_REPLAY');
  });

  it('answers a held push call with STAT_PUSH_TIMEOUT at SIGTERM, closes its transaction and exits 0', async () => {
    served = await startServe(env, dir);
    const held = pushLogin(served.url);
    const [tx] = await waitForPending(served.url);
    served.child.kill('SIGTERM');
    expect((await held).status).to.equal('STAT_PUSH_TIMEOUT');
    expect(await served.exited).to.equal(0);
    const store = await openStore(env.COUNTERSIGN_DATABASE!, { masterKey: (await loadMasterKey(env.COUNTERSIGN_MASTER_KEY_FILE!)).key });
    const record = await store.find(tx!.challengeKey);
    await store.close();
    expect(record?.state, 'closed, so that a late approval cannot succeed').to.equal('used');
  });
});
