// The scenario every generated SOAP client runs against one real server (issue 19): authUser with PIN +
// OTP, a wrong OTP and a replay, getChallenge and its answer, then admin logon, user create/view,
// digipass assign/view/unassign, user delete and logoff. A client is a script run once (plan in argv,
// challenge out on stdout, answer in on stdin, outcome as the last stdout line) or an in-process function.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ocra, ocraSuite } from '../../../src/otp/ocra.js';
import { totp } from '../../../src/otp/totp.js';

const SECRET = Buffer.from('12345678901234567890');
const OCRA = ocraSuite('OCRA-1:HOTP-SHA1-6:QN08');

/** What a client is told: WSDL URLs and the demo seed's users (fixtures/demo-seed.json). */
export interface Plan {
  readonly authWsdl: string; readonly adminWsdl: string; readonly domain: string;
  /** jane.doe: server PIN 1234 + the TOTP of the server's (frozen) clock; the same PIN with a wrong OTP. */
  readonly user: string; readonly password: string; readonly wrongPassword: string;
  /** bob.ocra: 1-step challenge/response, answered with PIN + OCRA response. */
  readonly challengeUser: string;
  readonly admin: string; readonly adminPassword: string;
  /** A user this client creates and deletes, and the demo's unassigned token it assigns and unassigns. */
  readonly newUser: string; readonly serial: string;
  /** The server's clock during the run (epoch ms). */
  readonly now: number;
}

/** One answer as the client's own deserializer read it: status enum and attributes by ID. */
export interface Reply { readonly status: string; readonly attributes: Readonly<Record<string, unknown>> }

export const STEPS = ['wrongOtp', 'authUser', 'replay', 'challenge', 'answer', 'logon', 'userCreate', 'userView', 'assign',
  'digipassView', 'unassign', 'userDelete', 'logoff'] as const;
export type Step = (typeof STEPS)[number];

export type Outcome = Record<Step, Reply> & { readonly operations?: { readonly auth: string[]; readonly admin: string[] } };

/** The addresses of the two WSDLs a client may load (docs/soap-api.md): each client takes one form. */
export const WSDL_FORMS = {
  query: { auth: '?wsdl', admin: '?wsdl=Administration' },
  path: { auth: '?wsdl', admin: 'Administration?wsdl' },
  file: { auth: 'wsdl/Authentication.wsdl', admin: 'wsdl/Administration.wsdl' },
} as const;

/** The plan for one client: its own new user, its form of the WSDL addresses, the server clock at `now`. */
export function planFor(baseUrl: string, client: string, form: keyof typeof WSDL_FORMS, now: number): Plan {
  return {
    authWsdl: `${baseUrl}${WSDL_FORMS[form].auth}`, adminWsdl: `${baseUrl}${WSDL_FORMS[form].admin}`, domain: 'master',
    user: 'jane.doe', password: `1234${totp(SECRET, now, 30, 6, 'SHA1')}`, wrongPassword: `1234${wrongOtp(now)}`,
    challengeUser: 'bob.ocra', admin: 'admin', adminPassword: 'Admin-Passw0rd',
    newUser: `${client}.user`, serial: 'VDS0000009', now,
  };
}

/** A 6-digit code that is not the TOTP of `now` nor of the steps around it. */
function wrongOtp(now: number): string {
  const near = new Set([-1, 0, 1].map((d) => totp(SECRET, now + d * 30_000, 30, 6, 'SHA1')));
  let n = 0;
  while (near.has(String(n).padStart(6, '0'))) n += 1;
  return String(n).padStart(6, '0');
}

/** bob.ocra's answer to a challenge: server PIN + OCRA response. */
export const answerTo = (challenge: string): string => `1234${ocra(OCRA, SECRET, { question: challenge })}`;

/** Runs a client script once: answers the challenge line it prints and returns its last line, parsed. */
export function runScript(command: string, args: readonly string[], cwd: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (lines.push(line) === 1) child.stdin.end(`${answerTo(line.trim())}\n`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = lines.at(-1);
      if (code !== 0 || lines.length < 2 || last === undefined) {
        reject(new Error(`${command} ${args[0] ?? ''} exited ${code}: ${stderr.trim() || lines.join('\n')}`));
        return;
      }
      try { resolve(JSON.parse(last) as Outcome); } catch { reject(new Error(`not JSON: ${last}; stderr: ${stderr}`)); }
    });
  });
}

const AUTH_OPERATIONS = ['authUser', 'cancelAuthUser', 'getChallenge', 'getPreparedSecureChallenge', 'getSecureChallenge', 'updatePassword'];
const ADMIN_OPERATIONS = ['componentExecute', 'digipassExecute', 'digipassQuery', 'digipassapplExecute', 'logoff', 'logon', 'policyExecute',
  'sessionalive', 'userExecute', 'userQuery'];

/** A boolean as a client's deserializer gives it (a native boolean, or its xsd:boolean text). */
const isFalse = (v: unknown): boolean => v === false || v === 'false' || v === 0 || v === '0';

/** Every step answered as the real server answers it, read back through the client. */
export function expectOutcome(out: Outcome, plan: Plan): void {
  const step = (s: Step, status: string): Readonly<Record<string, unknown>> => {
    expect(out[s]?.status, `${s}: ${JSON.stringify(out[s])}`).to.equal(status);
    return out[s].attributes;
  };
  if (out.operations) {
    expect([...out.operations.auth].sort(), 'Authentication operations').to.deep.equal(AUTH_OPERATIONS);
    expect([...out.operations.admin].sort(), 'Administration operations').to.deep.equal(ADMIN_OPERATIONS);
  }
  step('wrongOtp', 'STAT_OTP_INCORRECT');
  expect(step('authUser', 'STAT_SUCCESS')).to.include({ CREDFLD_USERID: plan.user, CREDFLD_SERIAL_NO: 'VDS0000001' });
  step('replay', 'STAT_OTP_REPLAY');
  expect(step('challenge', 'STAT_SUCCESS').CREDFLD_CHALLENGE).to.match(/^\d{8}$/);
  expect(step('answer', 'STAT_SUCCESS')).to.include({ CREDFLD_USERID: plan.challengeUser, CREDFLD_SERIAL_NO: 'VDS0000003' });
  expect(step('logon', 'STAT_SUCCESS').CREDFLD_SESSION_ID).to.match(/^[0-9a-f]{32}$/);
  expect(step('userCreate', 'STAT_SUCCESS')).to.include({ USERFLD_USERID: plan.newUser });
  const user = step('userView', 'STAT_SUCCESS');
  expect(user).to.include({
    USERFLD_USERID: plan.newUser, USERFLD_DOMAIN: plan.domain, USERFLD_LOCAL_AUTH: 'Default', USERFLD_BACKEND_AUTH: 'Default', USERFLD_HAS_DP: 'Unassigned',
  });
  expect(isFalse(user.USERFLD_DISABLED), `USERFLD_DISABLED ${String(user.USERFLD_DISABLED)}`).to.equal(true);
  expect(Date.parse(String(user.USERFLD_CREATE_TIME)), `USERFLD_CREATE_TIME ${String(user.USERFLD_CREATE_TIME)}`).to.equal(plan.now);
  expect(step('assign', 'STAT_SUCCESS')).to.include({ DIGIPASSFLD_SERNO: plan.serial, DIGIPASSFLD_ASSIGNED_USERID: plan.newUser });
  expect(step('digipassView', 'STAT_SUCCESS')).to.include({
    DIGIPASSFLD_SERNO: plan.serial, DIGIPASSFLD_DPTYPE: 'TOTP', DIGIPASSFLD_ASSIGN_STATUS: 'Assigned',
    DIGIPASSFLD_ASSIGNED_USERID: plan.newUser, DIGIPASSFLD_DOMAIN: plan.domain, DIGIPASSFLD_ACTIVE_APPL_NAMES: 'RESPONSE_ONLY',
  });
  expect(step('unassign', 'STAT_SUCCESS')).to.include({ DIGIPASSFLD_ASSIGN_STATUS: 'Unassigned' });
  step('userDelete', 'STAT_SUCCESS');
  step('logoff', 'STAT_SUCCESS');
}
