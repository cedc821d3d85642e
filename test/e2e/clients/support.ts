// Shared harness of the generated-client end-to-end tests (issue 19; docs/soap-clients.md): one real
// server per test file, the served WSDL URLs, the demo users' codes, a line-driven client process, and
// the one scenario (src/docs/soap-clients.ts OPERATIONS) every stack runs with the same expectations.
//
// A stack's client is a small program built on its generated proxies that reads one request per line
// on stdin and writes one answer per line on stdout, fields separated by TAB:
//   authUser | getChallenge | logon   ID=value ...        (`ID:u=value` is sent as xsd:unsignedInt)
//   logoff                            sessionID
//   userExecute | digipassExecute     sessionID  cmd  ID=value ...   (`ID:b=value` is sent as xsd:boolean)
// answer: status  statusCode  ID=value ...  (booleans true/false, dateTime values in ISO 8601);
// an exception answers `ERROR  -1  message=...`.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect } from 'chai';
import { ocra, ocraSuite } from '../../../src/otp/ocra.js';
import { totp } from '../../../src/otp/totp.js';
import type { ClientStack, OperationId } from '../../../src/docs/soap-clients.js';
import { CLIENT_STACKS, OPERATIONS } from '../../../src/docs/soap-clients.js';
import { startE2E, type E2E } from '../support.js';

/** The demo seed's published RFC test key (fixtures/demo-seed.json), shared by the demo authenticators. */
export const DEMO_SECRET = Buffer.from('12345678901234567890');
/** The frozen clock of every client test: TOTP codes and record times are known in advance. */
export const CLOCK_MS = Date.UTC(2026, 5, 1, 9, 0, 0);

export const janeTotp = (): string => totp(DEMO_SECRET, CLOCK_MS, 30, 6, 'SHA1');
export const bobOcra = (challenge: string): string => ocra(ocraSuite('OCRA-1:HOTP-SHA1-6:QN08'), DEMO_SECRET, { question: challenge });

export interface ClientsServer {
  readonly e2e: E2E;
  /** The SOAP endpoint, `http://127.0.0.1:<port>/`. */
  readonly url: string;
  readonly authWsdl: string;
  readonly adminWsdl: string;
  /** A temporary folder for the generated code, removed by stop(). */
  readonly work: string;
  stop(): Promise<void>;
}

export async function startClientsServer(): Promise<ClientsServer> {
  const e2e = await startE2E({ now: () => CLOCK_MS });
  const work = mkdtempSync(join(tmpdir(), 'countersign-clients-'));
  return {
    e2e, url: e2e.url, authWsdl: `${e2e.url}?wsdl`, adminWsdl: `${e2e.url}Administration?wsdl`, work,
    stop: async () => { await e2e.stop(); rmSync(work, { recursive: true, force: true }); },
  };
}

export interface Answer { readonly status: string; readonly code: number; readonly attributes: Readonly<Record<string, string>> }

export function parseAnswer(line: string): Answer {
  const [status = '', code = '', ...rest] = line.split('\t');
  const attributes: Record<string, string> = {};
  for (const kv of rest) {
    const at = kv.indexOf('=');
    if (at > 0) attributes[kv.slice(0, at)] = kv.slice(at + 1);
  }
  return { status, code: Number(code), attributes };
}

/** What the scenario drives: one request (the fields of a line) in, one answer out. */
export interface ScenarioClient { ask(fields: readonly string[]): Promise<Answer> }

/** A running line-driven client: one request line in, one answer line out. */
export class LineClient implements ScenarioClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  private stderr = '';

  constructor(command: string, args: readonly string[], cwd: string) {
    this.child = spawn(command, args, { cwd, stdio: 'pipe' });
    this.child.stderr.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-4000); });
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async ask(fields: readonly string[]): Promise<Answer> {
    this.child.stdin.write(`${fields.join('\t')}\n`);
    const next = await this.lines.next();
    if (next.done) throw new Error(`the client ended without answering ${fields[0]}: ${this.stderr}`);
    return parseAnswer(next.value);
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

const AUTH = 'CREDFLD_COMPONENT_TYPE=SOAP Auth Client';
const ADMIN = 'CREDFLD_COMPONENT_TYPE=Administration Program';
const FORMAT = 'CREDFLD_PASSWORD_FORMAT:u=0';
/** The user each run creates and the free demo authenticator it assigns (fixtures/demo-seed.json). */
export const NEW_USER = 'client.user';
export const FREE_SERIAL = 'VDS0000009';

interface State { password?: string; challenge?: string; key?: string; session?: string }
interface Step {
  readonly id: OperationId;
  request(s: State): string[];
  check(a: Answer, s: State): void;
}

const ok = (a: Answer) => expect(a.status, JSON.stringify(a)).to.equal('STAT_SUCCESS');
const sameInstant = (value: string | undefined, ms: number) => expect(Date.parse(value ?? ''), `dateTime ${value}`).to.equal(ms);

/** The scenario, in order; each step is one operation of OPERATIONS. */
const STEPS: readonly Step[] = [
  { id: 'authUser', request: (s) => { s.password = `1234${janeTotp()}`; return ['authUser', AUTH, 'CREDFLD_USERID=jane.doe', FORMAT, `CREDFLD_PASSWORD=${s.password}`]; },
    check: (a) => { ok(a); expect(a.attributes).to.include({ CREDFLD_USERID: 'jane.doe', CREDFLD_SERIAL_NO: 'VDS0000001' }); } },
  { id: 'replay', request: (s) => ['authUser', AUTH, 'CREDFLD_USERID=jane.doe', FORMAT, `CREDFLD_PASSWORD=${s.password}`],
    check: (a) => expect([a.status, a.code]).to.deep.equal(['STAT_OTP_REPLAY', 1008]) },
  { id: 'wrongOtp', request: () => ['authUser', AUTH, 'CREDFLD_USERID=john.smith', FORMAT, 'CREDFLD_PASSWORD=000000'],
    check: (a) => { expect([a.status, a.code]).to.deep.equal(['STAT_OTP_INCORRECT', 1011]); expect(a.attributes.CREDFLD_STATUS_MESSAGE).to.be.a('string'); } },
  { id: 'getChallenge', request: () => ['getChallenge', AUTH, 'CREDFLD_USERID=bob.ocra'],
    check: (a, s) => { ok(a); s.challenge = a.attributes.CREDFLD_CHALLENGE; s.key = a.attributes.CREDFLD_CHALLENGE_KEY; expect(s.challenge).to.match(/^\d{8}$/); expect(s.key).to.be.a('string'); } },
  { id: 'answerChallenge', request: (s) => ['authUser', AUTH, 'CREDFLD_USERID=bob.ocra', FORMAT, `CREDFLD_CHALLENGE_KEY=${s.key}`, `CREDFLD_PASSWORD=1234${bobOcra(s.challenge!)}`],
    check: (a) => { ok(a); expect(a.attributes).to.include({ CREDFLD_SERIAL_NO: 'VDS0000003' }); } },
  { id: 'logon', request: () => ['logon', ADMIN, 'CREDFLD_USERID=admin', 'CREDFLD_DOMAIN=master', FORMAT, 'CREDFLD_PASSWORD=Admin-Passw0rd'],
    check: (a, s) => { ok(a); s.session = a.attributes.CREDFLD_SESSION_ID; expect(s.session).to.match(/^[0-9a-f]{32}$/); } },
  { id: 'userCreate', request: (s) => ['userExecute', s.session!, 'USERCMD_CREATE', `USERFLD_USERID=${NEW_USER}`, 'USERFLD_DOMAIN=master',
    'USERFLD_LOCAL_AUTH=Default', 'USERFLD_BACKEND_AUTH=If Needed', 'USERFLD_DISABLED:b=false', 'USERFLD_EMAIL=client.user@example.com'],
    check: (a) => { ok(a); expect(a.attributes).to.include({ USERFLD_USERID: NEW_USER, USERFLD_BACKEND_AUTH: 'If Needed', USERFLD_DISABLED: 'false' }); } },
  { id: 'userView', request: (s) => ['userExecute', s.session!, 'USERCMD_VIEW', `USERFLD_USERID=${NEW_USER}`, 'USERFLD_DOMAIN=master'],
    check: (a) => {
      ok(a);
      expect(a.attributes).to.include({ USERFLD_EMAIL: 'client.user@example.com', USERFLD_LOCKED: 'false', USERFLD_LOCK_COUNT: '0', USERFLD_HAS_DP: 'Unassigned' });
      sameInstant(a.attributes.USERFLD_CREATE_TIME, CLOCK_MS);
    } },
  { id: 'digipassAssign', request: (s) => ['digipassExecute', s.session!, 'DIGIPASSCMD_ASSIGN', `DIGIPASSFLD_SERNO=${FREE_SERIAL}`, `DIGIPASSFLD_ASSIGNED_USERID=${NEW_USER}`, 'DIGIPASSFLD_DOMAIN=master'],
    check: (a) => { ok(a); expect(a.attributes).to.include({ DIGIPASSFLD_ASSIGN_STATUS: 'Assigned', DIGIPASSFLD_ASSIGNED_USERID: NEW_USER }); } },
  { id: 'digipassView', request: (s) => ['digipassExecute', s.session!, 'DIGIPASSCMD_VIEW', `DIGIPASSFLD_SERNO=${FREE_SERIAL}`],
    check: (a) => { ok(a); expect(a.attributes).to.include({ DIGIPASSFLD_SERNO: FREE_SERIAL, DIGIPASSFLD_DPTYPE: 'TOTP', DIGIPASSFLD_ACTIVE_APPL_NAMES: 'RESPONSE_ONLY' }); } },
  { id: 'logoff', request: (s) => ['logoff', s.session!],
    check: ok },
];

/**
 * Runs the scenario through `client` and checks every step, except the operations the stack's catalogue
 * entry marks as not working (each of those must then fail, so that the table stays true).
 */
export async function runScenario(stack: ClientStack, client: ScenarioClient): Promise<void> {
  if (STEPS.map((s) => s.id).join() !== OPERATIONS.map((o) => o.id).join()) throw new Error('the scenario and OPERATIONS differ');
  const state: State = {};
  for (const step of STEPS) {
    const answer = await client.ask(step.request(state));
    const limitation = stack.notWorking?.[step.id];
    if (limitation === undefined) {
      try { step.check(answer, state); } catch (e) { throw new Error(`${stack.name}, ${step.id}: ${(e as Error).message}`); }
    } else {
      expect(() => step.check(answer, state), `${stack.name}, ${step.id} is documented as not working (${limitation}) but works`).to.throw();
    }
  }
}

/**
 * Runs the stack's documented commands (src/docs/soap-clients.ts) in the server's work folder, with
 * AUTH_WSDL and ADMIN_WSDL set; the seconds they took. A failing command throws with its output.
 */
export async function buildStack(stack: ClientStack, server: ClientsServer): Promise<number> {
  const started = Date.now();
  for (const command of stack.commands) {
    const env = { ...process.env, AUTH_WSDL: server.authWsdl, ADMIN_WSDL: server.adminWsdl };
    const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn('sh', ['-c', command], { cwd: server.work, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const keep = (d: Buffer) => { out = (out + d.toString()).slice(-6000); };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      child.on('close', (c) => done({ code: c, output: out }));
    });
    if (code !== 0) throw new Error(`${stack.name}: \`${command}\` exited ${code}:\n${output}`);
  }
  return (Date.now() - started) / 1000;
}

/** A program run to completion in `cwd` (compiling a stack's line client); throws with its output on failure. */
export async function runChecked(command: string, args: readonly string[], cwd: string): Promise<void> {
  await new Promise<void>((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (d: Buffer) => { out = (out + d.toString()).slice(-6000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', fail);
    child.on('close', (c) => (c === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited ${c}:\n${out}`))));
  });
}

export const stackById = (id: string): ClientStack => {
  const stack = CLIENT_STACKS.find((s) => s.id === id);
  if (!stack) throw new Error(`no client stack ${id} in src/docs/soap-clients.ts`);
  return stack;
};
