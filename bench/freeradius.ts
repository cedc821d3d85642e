// A peer of `npm run bench`: a throwaway FreeRADIUS 3.2 (Debian `freeradius`) in the foreground (-f)
// with its own raddb in a temporary directory: one client (the load generator), PAP against a users
// file of Cleartext-Passwords, one auth listener on a free loopback port, Debian's thread pool sizes.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface FreeRadius {
  readonly child: ChildProcess;
  readonly port: number;
  readonly version: string;
  stop(): Promise<void>;
}

/** The FreeRADIUS daemon on this machine (`freeradius` on Debian, `radiusd` elsewhere), or undefined. */
export function findFreeradius(): { path: string; version: string } | undefined {
  for (const name of ['freeradius', 'radiusd']) {
    for (const dir of ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin']) {
      try {
        const out = execFileSync(join(dir, name), ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        const version = /FreeRADIUS Version (\S+)/.exec(out)?.[1];
        if (version) return { path: join(dir, name), version };
      } catch { /* not there */ }
    }
  }
  return undefined;
}

/** The PAP password of bench user i in the users file (six digits). */
export const freeradiusPassword = (i: number): string => String(i % 1_000_000).padStart(6, '0');

/** A UDP port free on the loopback interface now. */
function freePort(): Promise<number> {
  const s = createSocket('udp4');
  return new Promise((ok) => s.bind(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); }));
}

function radiusdConf(dir: string, port: number, secret: string): string {
  return `prefix = /usr
exec_prefix = /usr
sysconfdir = /etc
localstatedir = /var
sbindir = /usr/sbin
logdir = ${dir}
raddbdir = ${dir}
radacctdir = ${dir}
name = freeradius
confdir = ${dir}
modconfdir = ${dir}
run_dir = ${dir}
db_dir = ${dir}
libdir = /usr/lib/freeradius
pidfile = ${dir}/freeradius.pid
max_request_time = 30
cleanup_delay = 5
max_requests = 65536
hostname_lookups = no
log {
  destination = stdout
  auth = no
}
security {
  allow_core_dumps = no
  max_attributes = 200
  reject_delay = 0
  status_server = no
}
thread pool {
  start_servers = 5
  max_servers = 32
  min_spare_servers = 3
  max_spare_servers = 10
  max_requests_per_server = 0
}
client bench {
  ipaddr = 127.0.0.1
  secret = ${secret}
}
modules {
  pap {
  }
  files {
    filename = ${dir}/users
  }
}
server default {
  listen {
    type = auth
    ipaddr = 127.0.0.1
    port = ${port}
  }
  authorize {
    files
    pap
  }
  authenticate {
    Auth-Type PAP {
      pap
    }
  }
}
`;
}

/** Starts FreeRADIUS with `users` bench users (names from `userName`) and resolves once it is ready. */
export async function startFreeradius(path: string, version: string, users: number, userName: (i: number) => string, secret: string): Promise<FreeRadius> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-bench-freeradius-'));
  const port = await freePort();
  writeFileSync(join(dir, 'radiusd.conf'), radiusdConf(dir, port, secret), { mode: 0o600 });
  const lines: string[] = [];
  for (let i = 0; i < users; i++) lines.push(`${userName(i)} Cleartext-Password := "${freeradiusPassword(i)}"`);
  writeFileSync(join(dir, 'users'), `${lines.join('\n')}\n`, { mode: 0o600 });
  const child = spawn(path, ['-f', '-d', dir, '-n', 'radiusd', '-l', 'stdout'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const stop = () => new Promise<void>((ok) => {
    const done = () => { rmSync(dir, { recursive: true, force: true }); ok(); };
    if (child.exitCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGTERM');
  });
  await new Promise<void>((ok, fail) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (output.length < 50) output.push(line);
        if (line.includes('Ready to process requests')) ok();
      });
    }
    child.once('exit', (code) => { rmSync(dir, { recursive: true, force: true }); fail(new Error(`FreeRADIUS exited with ${code} before it was ready:\n${output.join('\n')}`)); });
  });
  return { child, port, version, stop };
}
