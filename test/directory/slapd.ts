// Test directories: a real OpenLDAP slapd (Debian slapd; .ci/run installs it) in a temporary folder
// on a free loopback port with its own slapd.conf and test users, and an "LDAP" that accepts TCP
// connections and never answers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SUFFIX = 'dc=example,dc=org';
export const PEOPLE = `ou=people,${SUFFIX}`;
export const ADMIN_DN = `cn=admin,${SUFFIX}`;
export const ADMIN_PASSWORD = 'admin-secret';
export const USER_PASSWORD = 'Ldap-Passw0rd';
export const TEMPLATE = `uid={user},${PEOPLE}`;

const SLAPD = ['/usr/sbin/slapd', 'slapd'];
const slapdPath = (): string | undefined => SLAPD.find((p) => spawnSync(p, ['-VV'], { stdio: 'ignore' }).error === undefined);
export const hasSlapd = (): boolean => slapdPath() !== undefined && existsSync('/etc/ldap/schema/inetorgperson.schema');

export interface TestDirectory { readonly url: string; readonly port: number; stop(): Promise<void> }

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as { port: number }).port;
  await new Promise((ok) => s.close(ok));
  return port;
}

const config = (dir: string) => `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile ${dir}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "${SUFFIX}"
rootdn "${ADMIN_DN}"
rootpw ${ADMIN_PASSWORD}
directory ${dir}/db
`;

const person = (uid: string) => `dn: uid=${uid},${PEOPLE}
objectClass: inetOrgPerson
uid: ${uid}
cn: ${uid}
sn: Test
userPassword: ${USER_PASSWORD}
`;

const data = (users: string[]) => [`dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: example\n`,
  `dn: ${PEOPLE}\nobjectClass: organizationalUnit\nou: people\n`, ...users.map(person)].join('\n');

async function reachable(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s: Socket = connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); ok(true); });
    s.once('error', () => ok(false));
  });
}

/** slapd with the given users (password USER_PASSWORD each), loaded offline with slapadd, then started. */
export async function startSlapd(users: string[] = ['jane.doe', 'john.smith']): Promise<TestDirectory> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-slapd-'));
  mkdirSync(join(dir, 'db'));
  writeFileSync(join(dir, 'slapd.conf'), config(dir));
  writeFileSync(join(dir, 'data.ldif'), data(users));
  const bin = slapdPath()!;
  const add = spawnSync(bin.replace(/slapd$/, 'slapadd'), ['-f', join(dir, 'slapd.conf'), '-l', join(dir, 'data.ldif')], { encoding: 'utf8' });
  if (add.status !== 0) throw new Error(`slapadd failed: ${add.stderr}`);
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(bin, ['-f', join(dir, 'slapd.conf'), '-h', `${url}/`, '-d', '0'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!(await reachable(port))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`slapd did not start on ${url}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, port, stop };
}

/** Accepts TCP connections and never answers a byte: a hung directory. */
export async function startSilentLdap(): Promise<TestDirectory & { connections(): number }> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server: Server = createServer((s) => { count++; sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => undefined); });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const stop = async () => { for (const s of sockets) s.destroy(); await new Promise((ok) => server.close(ok)); };
  return { url: `ldap://127.0.0.1:${port}`, port, stop, connections: () => count };
}
