// `countersign authenticator create|assign|unassign|show|list|set-pin|reset-pin|delete` (issue 5
// command line): the authenticator use cases of src/admin; `--json` on each; a secret is printed only
// with `--show-secret`, a PIN is read from standard input.
import { Option, type Command } from 'commander';
import {
  createAuthenticator, listAuthenticators, resetAuthenticatorPin, setAuthenticatorPin, type CreatedAuthenticator,
} from '../../admin/authenticator.js';
import { assignAuthenticator, deleteAuthenticator, unassignAuthenticator, viewAuthenticator, type AuthenticatorView } from '../../admin/digipass.js';
import { succeed } from '../../admin/services.js';
import { encodeBase32, otpauthUri } from '../../otp/base32.js';
import { readStdinSecret, report, withApp, type OutputOptions } from './admin-run.js';
import { importAnyCommand, importCommand, type ImportOptions } from './import.js';
import { exportCommand, type ExportOptions } from './export.js';

interface CreateOptions extends OutputOptions {
  kind?: string; algorithm?: string; digits?: string; period?: string; user?: string; domain?: string; showSecret?: boolean; issuer?: string;
  delivery?: string; backup?: boolean; uses?: string; days?: string;
}
interface AssignOptions extends OutputOptions { domain?: string; graceDays?: string }
interface ListOptions extends OutputOptions { offset?: string; limit?: string }

const describe = (a: AuthenticatorView): string => `${a.serial}  ${a.kind}  ${a.assigned ? `assigned to ${a.domain}\\${a.userId}` : 'unassigned'}`
  + `${a.disabled ? '  (disabled)' : ''}${a.locked ? '  (locked)' : ''}`;

type Shown = Omit<CreatedAuthenticator, 'secret'> & { secretBase32?: string; otpauthUri?: string };

const describeCreated = (v: Shown): string => [describe(v), ...(v.secretBase32 ? [`  secret: ${v.secretBase32}`, `  ${v.otpauthUri}`] : [])].join('\n');

function created(a: CreatedAuthenticator, o: CreateOptions): Shown {
  const { secret, ...shown } = a;
  if (!o.showSecret || a.kind === 'virtual') return shown;
  const uri = otpauthUri({
    kind: a.kind === 'hotp' ? 'hotp' : 'totp', issuer: o.issuer ?? 'Countersign', label: a.userId ?? a.serial, secret,
    algorithm: a.algorithm, digits: a.digits, period: a.period, counter: 0,
  });
  return { ...shown, secretBase32: encodeBase32(secret), otpauthUri: uri };
}

function bySerial(group: Command, name: string, description: string, action: typeof viewAuthenticator): void {
  group.command(name).description(description).argument('<serial>', 'serial number').option('--json', 'print JSON')
    .action((serial: string, o: OutputOptions) => withApp(async (app) => report(app, await action(app.admin, serial), o, describe)));
}

export function authenticatorCommands(group: Command): Command {
  group.description('administer authenticators: create, assign, unassign, show, list, set-pin, reset-pin, delete, import, export');
  group.command('create').description('create an HOTP or TOTP authenticator with a random secret, or a virtual one (OTPs by e-mail or SMS)')
    .argument('<serial>', 'serial number').option('--kind <kind>', 'totp, hotp or virtual', 'totp')
    .option('--delivery <channel>', 'virtual: email or sms (default: the policy\'s virtualDelivery)')
    .option('--backup', 'virtual: a backup authenticator (its own request method; limited by --uses and --days)')
    .option('--uses <n>', 'backup: OTPs it may send (default: the policy\'s backupVirtualMaxUses at first use)')
    .option('--days <n>', 'backup: days from now it stays usable (default: the policy\'s backupVirtualTimeLimitDays from first use)')
    .option('--algorithm <alg>', 'SHA1, SHA256 or SHA512', 'SHA1').option('--digits <n>', '6, 7 or 8', '6')
    .option('--period <s>', 'TOTP period in seconds', '30').option('--user <userId>', 'assign it to this user at once')
    .option('--domain <domain>', 'domain of --user (default: master)').option('--issuer <name>', 'issuer in the otpauth URI', 'Countersign')
    .option('--show-secret', 'print the secret (base32) and the otpauth:// URI').option('--json', 'print JSON')
    .action((serial: string, o: CreateOptions) => withApp(async (app) => {
      const r = await createAuthenticator(app.admin, {
        serial, kind: o.kind, algorithm: o.algorithm, digits: Number(o.digits), period: Number(o.period),
        user: o.user ? { userId: o.user, domain: o.domain } : undefined, delivery: o.delivery, backup: o.backup,
        uses: o.uses === undefined ? undefined : Number(o.uses), days: o.days === undefined ? undefined : Number(o.days),
      });
      report(app, r.ok ? succeed(created(r.value, o)) : r, o, describeCreated);
    }));
  group.command('assign').description('assign an authenticator to a user').argument('<serial>', 'serial number')
    .argument('<userId>', 'user ID').option('--domain <domain>', 'domain (default: master)')
    .option('--grace-days <n>', 'days the static password alone still works').option('--json', 'print JSON')
    .action((serial: string, userId: string, o: AssignOptions) => withApp(async (app) => {
      const grace = o.graceDays === undefined ? undefined : Number(o.graceDays);
      report(app, await assignAuthenticator(app.admin, serial, { userId, domain: o.domain }, grace), o, describe);
    }));
  bySerial(group, 'unassign', 'unassign an authenticator from its user', unassignAuthenticator);
  bySerial(group, 'show', 'show an authenticator (never its secret)', viewAuthenticator);
  group.command('list').description('list authenticators in serial order')
    .option('--offset <n>', 'skip this many', '0').option('--limit <n>', 'at most this many', '1000').option('--json', 'print JSON')
    .action((o: ListOptions) => withApp(async (app) => {
      report(app, await listAuthenticators(app.admin, Number(o.offset), Number(o.limit)), o, (as) => as.map(describe).join('\n') || '(no authenticators)');
    }));
  group.command('set-pin').description('set the server PIN, read from standard input').argument('<serial>', 'serial number').option('--json', 'print JSON')
    .action((serial: string, o: OutputOptions) => withApp(async (app) => {
      report(app, await setAuthenticatorPin(app.admin, serial, await readStdinSecret()), o, describe);
    }));
  bySerial(group, 'reset-pin', 'clear the server PIN: the user sets a new one at the next logon', (svc, s) => resetAuthenticatorPin(svc, s!));
  bySerial(group, 'delete', 'delete an authenticator', deleteAuthenticator);
  pskcKeyOptions(group.command('import'), 'decrypt an encrypted PSKC file with')
    .description('import unassigned authenticators from OATH CSV (streamed) or PSKC (plain or encrypted), each row whole or not at all')
    .argument('<file>', 'CSV lines serial,secret,algorithm,digits,period|counter (secret base32 or hex:...; last field period=N, counter=N or N), or a PSKC .xml/.pskc file')
    .option('--format <format>', 'csv or pskc (default: pskc for .xml/.pskc files, else csv)')
    .option('--progress', 'show progress on stderr (the default: a bar on a terminal, else a line every few seconds)')
    .option('--no-progress', 'show no progress').option('--json', 'print the summary as JSON')
    .action((file: string, o: ImportOptions) => withApp(async (app) => importCommand(app.admin, file, o)));
  pskcKeyOptions(group.command('export').description('write authenticators as an RFC 6030 PSKC document (secrets encrypted unless --show-secret)'), 'encrypt the secrets with')
    .option('--serial <serial>', 'export this authenticator (repeat for more; default: all)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--out <file>', 'write the document to this file (mode 0600) instead of standard output')
    .option('--iterations <n>', 'PBKDF2 iterations with --password (default 100000)')
    .option('--show-secret', 'write the secrets in clear (PlainValue) when no key or password is given').option('--json', 'print the summary as JSON')
    .action((o: ExportOptions) => withApp(async (app) => exportCommand(app.admin, o)));
  return group;
}

/** `countersign import <file>`: a seed document (users, authenticators, policies, ...), or CSV/PSKC authenticators. */
export function importAnyCommands(cmd: Command): Command {
  return pskcKeyOptions(cmd, 'decrypt an encrypted PSKC file with')
    .description('import a seed document (.json: users, authenticators, policies, clients, as the demo seed is loaded) or authenticators from OATH CSV / PSKC')
    .argument('<file>', 'a seed .json file (fixtures/seed-format.md), a PSKC .xml/.pskc file, or an OATH CSV file')
    .option('--format <format>', 'seed, csv or pskc (default: from the file name)')
    .option('--progress', 'show progress on stderr (the default: a bar on a terminal, else a line every few seconds)')
    .option('--no-progress', 'show no progress').option('--json', 'print the summary as JSON')
    .action((file: string, o: ImportOptions) => withApp(async (app) => importAnyCommand(app.admin, file, o)));
}

/** The PSKC key options of import and export; the environment variables keep secrets off the command line. */
export function pskcKeyOptions(cmd: Command, verb: string): Command {
  return cmd.addOption(new Option('--psk <hex>', `${verb} this pre-shared key (hex; 16, 24 or 32 bytes)`).env('COUNTERSIGN_PSKC_PSK'))
    .option('--psk-file <path>', `${verb} the pre-shared key in this file (hex text or raw bytes)`)
    .addOption(new Option('--password <pw>', `${verb} a key derived from this password (PBKDF2)`).env('COUNTERSIGN_PSKC_PASSWORD'))
    .option('--password-file <path>', `${verb} a key derived from the password in this file (its final newline dropped)`);
}
