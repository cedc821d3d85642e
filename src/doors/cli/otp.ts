// `countersign otp <serial>`: the current OTP of an authenticator (same kind module the engine verifies
// with); --challenge: an OCRA token's response (flows.md §5); --host-code <otp>: the host code the server
// returns for that accepted OTP (flows.md §8). Refuses secrets that are not published demo keys unless --force.
import { loadConfig } from '../../config/load.js';
import { createApp } from '../../main.js';
import type { Authenticator, Policy } from '../../domain/model.js';
import { challengeFits, kindOf, suiteOf } from '../../authenticators/index.js';
import { DEFAULT_POLICY } from '../../engine/policy/defaults.js';
import { hostCode } from '../../otp/hostcode.js';
import { holdsPublishedKey } from '../../admin/demo-otp.js';


const kindWords = (a: Authenticator): string => `${/^[aeiou]/.test(a.kind) ? 'an' : 'a'} ${a.kind}`;
const FORMAT_WORDS = { N: 'digits', H: 'hexadecimal digits', A: 'characters' } as const;

export interface OtpOptions { at?: string; challenge?: string; hostCode?: string; force?: boolean; json?: boolean }

export async function otpCommand(serial: string, opts: OtpOptions): Promise<void> {
  if (opts.hostCode !== undefined && opts.challenge !== undefined) throw new Error('give either --challenge or --host-code, not both');
  // A command line run serves no /metrics: metrics off, as for the administration commands (admin-run.ts).
  const config = loadConfig(process.env, { demo: false, logLevel: 'silent', metrics: false });
  const app = await createApp(config);
  try {
    const a = await app.store.findBySerial(serial);
    if (!a) throw new Error(`no authenticator ${serial} in ${config.database}; list them with the admin tools or check COUNTERSIGN_DATABASE`);
    if (!holdsPublishedKey(a) && !opts.force) {
      throw new Error(`${serial} holds a real secret, not a published demo key; add --force to print its ${opts.hostCode === undefined ? 'OTP' : 'host code'} anyway`);
    }
    if (opts.hostCode !== undefined) return print(opts, { serial: a.serial, kind: a.kind, hostCode: hostCodeOf(a, opts.hostCode) });
    const now = opts.at ? Date.parse(opts.at) : app.clock.now();
    if (Number.isNaN(now)) throw new Error(`--at: "${opts.at}" is not an ISO-8601 instant`);
    const policy = (await app.store.findClient('SOAP Auth Client'))?.policy ?? DEFAULT_POLICY;
    const otp = codeOf(a, now, policy, opts.challenge);
    print(opts, { serial: a.serial, kind: a.kind, ...(opts.challenge === undefined ? {} : { challenge: opts.challenge }), otp });
  } finally {
    await app.close();
  }
}

function codeOf(a: Authenticator, now: number, policy: Policy, challenge: string | undefined): string {
  const kind = kindOf(a.kind);
  if (!kind.generate) throw new Error(`${a.serial} is ${kindWords(a)} authenticator: it has no OTP to display`);
  if (challenge !== undefined && !kind.capabilities.challengeResponse) {
    throw new Error(`${a.serial} is ${kindWords(a)} authenticator: it does not answer challenges; leave out --challenge`);
  }
  if (challenge === undefined && kind.capabilities.challengeResponse && !kind.capabilities.responseOnly) {
    throw new Error(`${a.serial} is ${kindWords(a)} authenticator: give the challenge to answer with --challenge <c>`);
  }
  const suite = suiteOf(a);
  if (challenge !== undefined && suite && !challengeFits(suite, challenge)) {
    throw new Error(`--challenge: ${a.serial} (suite ${a.ocraSuite}) answers challenges of up to ${suite.challenge.length} ${FORMAT_WORDS[suite.challenge.format]}`);
  }
  return kind.generate(a, { now, policy, challenge });
}

/** The host code for an OTP the server accepted: the value the server returns with its success. */
function hostCodeOf(a: Authenticator, otp: string): string {
  if (!kindOf(a.kind).capabilities.hostCode) throw new Error(`${a.serial} is ${kindWords(a)} authenticator: it has no host code`);
  if (!/^\d{4,64}$/.test(otp)) throw new Error('--host-code: give the accepted OTP, 4 to 64 digits');
  return hostCode(a.secret, otp, a.digits);
}

function print(opts: OtpOptions, result: Record<string, string>): void {
  const text = opts.json ? JSON.stringify(result) : result.hostCode ?? result.otp;
  process.stdout.write(`${text}\n`);
}
