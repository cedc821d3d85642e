// `countersign record`: a recording proxy in front of a real IDENTIKEY server (issue 9). Clients point
// at it; every exchange is forwarded unchanged and written as a case folder (src/record/).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { publicUrl, startRecorder } from '../../record/proxy.js';

export interface RecordCliOptions {
  upstream: string; out: string; listen: string; host: string; keepSecrets?: boolean; ca?: string; timeout: string; maxRecord: string;
}

const positive = (flag: string, raw: string, min = 1): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag}: expected a whole number of at least ${min}, got "${raw}"`);
  return n;
};

export async function recordCommand(opts: RecordCliOptions): Promise<void> {
  const port = positive('--listen', opts.listen, 0);
  if (port > 65535) throw new Error(`--listen: not a TCP port: ${opts.listen}`);
  let ca: Buffer | undefined;
  if (opts.ca) {
    try { ca = readFileSync(opts.ca); } catch (e) { throw new Error(`--ca: cannot read ${opts.ca} (${(e as NodeJS.ErrnoException).code ?? 'error'})`); }
  }
  const timeoutMs = positive('--timeout', opts.timeout);
  const maxRecordBytes = positive('--max-record', opts.maxRecord);
  const out = resolve(opts.out);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  if (opts.keepSecrets) {
    process.stderr.write('WARNING: --keep-secrets: passwords, PINs, OTPs, responses and session ids are written IN CLEAR TEXT\n'
      + `WARNING: to ${out}. Keep these files private (they are created mode 0600) and delete them after use.\n`);
  }
  const recorder = await startRecorder({
    upstream: opts.upstream, out, port, host: opts.host, keepSecrets: Boolean(opts.keepSecrets), ca,
    timeoutMs, maxRecordBytes, log: say,
  });
  say(`Recording proxy listening on ${recorder.url} -> ${publicUrl(new URL(opts.upstream))}`);
  say(`Cases go to ${out} (secrets ${opts.keepSecrets ? 'KEPT' : 'masked'}); stop with Ctrl-C`);
  const stop = () => {
    void recorder.close().then(() => { say(`Stopped; ${recorder.recorded()} case(s) recorded.`); process.exit(0); });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
