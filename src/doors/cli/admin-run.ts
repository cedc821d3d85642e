// Shared plumbing of the administration commands (issue 5 command line): open the configured store
// without the demo seed, run one use case of src/admin, print its result as text or JSON, and turn a
// refusal into a message on stderr and exit status 1. Secrets are never printed.
import { userInfo } from 'node:os';
import { loadConfig } from '../../config/load.js';
import { createApp, type App } from '../../main.js';
import { auditAdminChange, type AdminActor, type AdminChange } from '../../admin/admin-audit.js';
import type { AdminResult } from '../../admin/services.js';
import type { StatusKey } from '../../domain/status.js';
import { takeNotedChange } from './admin-note.js';

export interface OutputOptions { json?: boolean }

let outcome: { status: StatusKey; reason?: string } | undefined;

function operatingSystemUser(): string {
  try { return userInfo().username; } catch { return 'unknown'; }
}

/** Who runs a command line change: the operating-system account, in domain `os`. */
export const cliActor = (): AdminActor => ({ door: 'cli', domain: 'os', userId: operatingSystemUser(), sourceAddress: null });

async function auditRun(app: App, failed: unknown): Promise<void> {
  const running = takeNotedChange();
  if (!running) return;
  const change: AdminChange = { ...running, status: failed ? 'ERROR' : outcome?.status ?? 'SUCCESS', reason: failed ? (failed as Error).message : outcome?.reason };
  await auditAdminChange(app.admin, cliActor(), change);
}

/** Runs `fn` on the app of the configured store, audits it when it changes something, closes the app. */
export async function withApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const app = await createApp(loadConfig(process.env, { demo: false, logLevel: 'silent', metrics: false }));
  let failed: unknown;
  try {
    return await fn(app);
  } catch (e) {
    failed = e;
    throw e;
  } finally {
    await auditRun(app, failed).finally(() => app.close());
  }
}

/** Prints a result: JSON (`--json`) or the text of `describe`; a refusal goes to stderr with exit 1. */
export function report<T>(app: App, result: AdminResult<T>, opts: OutputOptions, describe: (v: T) => string): void {
  outcome = result.ok ? { status: 'SUCCESS' } : { status: result.status, reason: result.detail };
  if (!result.ok) {
    const row = app.catalogue[result.status];
    if (opts.json) process.stdout.write(`${JSON.stringify({ status: row.name, statusCode: row.code, message: result.detail })}\n`);
    process.stderr.write(`countersign: ${result.detail} (${row.name})\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(opts.json ? `${JSON.stringify(result.value)}\n` : `${describe(result.value)}\n`);
}

/** The whole of standard input, without a trailing newline (for `--password-stdin`). */
export async function readStdinSecret(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
