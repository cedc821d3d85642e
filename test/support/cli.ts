// Runs the real `countersign` binary with an environment, arguments and standard input, and
// collects its exit code and output.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './engine-harness.js';

export const BIN = join(ROOT, 'bin', 'countersign.js');

export interface Ran { code: number | null; stdout: string; stderr: string }

/** With `umask`, the command runs under that umask (through /bin/sh). */
export function cli(env: NodeJS.ProcessEnv, args: string[], input = '', umask?: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = umask === undefined ? spawn(process.execPath, [BIN, ...args], { env })
      : spawn('/bin/sh', ['-c', `umask ${umask}; exec "$@"`, 'sh', process.execPath, BIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
