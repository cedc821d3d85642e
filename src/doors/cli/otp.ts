// `countersign otp <serial>`: the current OTP of an authenticator, computed with the same kind
// module the engine verifies with. Refuses secrets that are not published demo keys unless --force.
import { loadConfig } from '../../config/load.js';
import { createApp } from '../../main.js';
import { kindOf } from '../../authenticators/index.js';
import { DEFAULT_POLICY } from '../../engine/policy/defaults.js';

/** RFC 4226 / 6238 / 6287 published test keys: the only secrets printed without --force. */
const PUBLISHED_KEYS = new Set(['12345678901234567890', '12345678901234567890123456789012',
  '1234567890123456789012345678901234567890123456789012345678901234']);

export async function otpCommand(serial: string, opts: { at?: string; force?: boolean; json?: boolean }): Promise<void> {
  const config = loadConfig(process.env, { demo: false, logLevel: 'silent' });
  const app = await createApp(config);
  try {
    const a = await app.store.findBySerial(serial);
    if (!a) throw new Error(`no authenticator ${serial} in ${config.database}; list them with the admin tools or check COUNTERSIGN_DATABASE`);
    if (!PUBLISHED_KEYS.has(a.secret.toString('latin1')) && !opts.force) {
      throw new Error(`${serial} holds a real secret, not a published demo key; add --force to print its OTP anyway`);
    }
    const now = opts.at ? Date.parse(opts.at) : app.clock.now();
    if (Number.isNaN(now)) throw new Error(`--at: "${opts.at}" is not an ISO-8601 instant`);
    const kind = kindOf(a.kind);
    if (!kind.generate) throw new Error(`${serial} is a ${a.kind} authenticator: it has no OTP to display`);
    const policy = (await app.store.findClient('SOAP Auth Client'))?.policy;
    const otp = kind.generate(a, { now, policy: policy ?? DEFAULT_POLICY });
    process.stdout.write(opts.json ? `${JSON.stringify({ serial: a.serial, kind: a.kind, otp })}\n` : `${otp}\n`);
  } finally {
    await app.close();
  }
}
