// End-to-end support: the real server (createApp + startServer) on a free port with a temporary
// SQLite file and the demo seed, a raw SOAP POST helper, and the outside SOAP toolkits' detection.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { createApp, startServer, type AppOptions, type Running } from '../../src/main.js';
import type { Clock } from '../../src/engine/ports.js';

export interface E2E { running: Running; url: string; dir: string; stop(): Promise<void> }

export async function startE2E(clock?: Clock, env: Record<string, string> = {}, options: AppOptions = {}): Promise<E2E> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-e2e-'));
  const config = loadConfig({
    COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
    COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_LOG_LEVEL: 'silent',
    COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1', ...env,
  });
  const running = await startServer(await createApp(config, { ...options, ...(clock ? { clock } : {}) }));
  return { running, url: running.url, dir, stop: async () => { await running.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export async function post(url: string, body: string | Buffer, contentType = 'text/xml; charset=utf-8'): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": contentType }, body: typeof body === "string" ? body : new Uint8Array(body) });
  return { status: res.status, text: await res.text() };
}

export function authUserEnvelope(fields: Record<string, string>): string {
  const attrs = Object.entries(fields).map(([id, v]) => {
    const type = id === 'CREDFLD_PASSWORD_FORMAT' ? 'xsd:unsignedInt' : 'xsd:string';
    return `<attributes><value xsi:type="${type}">${v}</value><attributeID>${id}</attributeID></attributes>`;
  }).join('');
  return '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
    + 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:aut="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication">'
    + `<soapenv:Body><aut:authUser><credentialAttributeSet>${attrs}</credentialAttributeSet></aut:authUser></soapenv:Body></soapenv:Envelope>`;
}

export const statusOf = (xml: string): string => /<statusCodeEnum[^>]*>([^<]+)</.exec(xml)?.[1] ?? 'none';

/** The first of `commands` that runs `args` successfully (a toolkit's presence check), if any. */
export function findTool(commands: readonly string[], args: readonly string[]): string | undefined {
  return commands.find((c) => spawnSync(c, args, { stdio: 'ignore' }).status === 0);
}

/**
 * The tool's command; without it the test is skipped with a note, except under CI (CI set), where
 * .ci/run installs it and its absence is a failure.
 */
export function needTool(test: Mocha.Context, command: string | undefined, name: string, debianPackages: string): string {
  if (command !== undefined) return command;
  const note = `${name} is not installed (Debian: apt-get install ${debianPackages})`;
  if (process.env.CI) throw new Error(`${note}; .ci/run installs it`);
  console.log(`      (${note}: check skipped)`);
  return test.skip();
}
