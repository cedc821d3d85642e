// `countersign authenticator create|assign|unassign|show|list|set-pin|reset-pin|delete|import|export` and
// `countersign import` (issue 5 command line): the definitions; the actions (authenticator-run.ts) load
// only when one runs. `--json` on each; a secret is printed only with `--show-secret`, a PIN is read from stdin.
import { Option, type Command } from 'commander';
import { lazyGroup } from './lazy.js';

const run = lazyGroup(() => import('./authenticator-run.js'), (m) => m.authenticatorActions);

function bySerial(group: Command, name: 'unassign' | 'show' | 'reset-pin' | 'delete', description: string): void {
  group.command(name).description(description).argument('<serial>', 'serial number').option('--json', 'print JSON')
    .action(run(name));
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
    .action(run('create'));
  group.command('assign').description('assign an authenticator to a user').argument('<serial>', 'serial number')
    .argument('<userId>', 'user ID').option('--domain <domain>', 'domain (default: master)')
    .option('--grace-days <n>', 'days the static password alone still works').option('--json', 'print JSON')
    .action(run('assign'));
  bySerial(group, 'unassign', 'unassign an authenticator from its user');
  bySerial(group, 'show', 'show an authenticator (never its secret)');
  group.command('list').description('list authenticators in serial order')
    .option('--offset <n>', 'skip this many', '0').option('--limit <n>', 'at most this many', '1000').option('--json', 'print JSON')
    .action(run('list'));
  group.command('set-pin').description('set the server PIN, read from standard input').argument('<serial>', 'serial number').option('--json', 'print JSON')
    .action(run('set-pin'));
  bySerial(group, 'reset-pin', 'clear the server PIN: the user sets a new one at the next logon');
  bySerial(group, 'delete', 'delete an authenticator');
  pskcKeyOptions(group.command('import'), 'decrypt an encrypted PSKC file with')
    .description('import unassigned authenticators from OATH CSV (streamed) or PSKC (plain or encrypted), each row whole or not at all')
    .argument('<file>', 'CSV lines serial,secret,algorithm,digits,period|counter (secret base32 or hex:...; last field period=N, counter=N or N), or a PSKC .xml/.pskc file')
    .option('--format <format>', 'csv or pskc (default: pskc for .xml/.pskc files, else csv)')
    .option('--progress', 'show progress on stderr (the default: a bar on a terminal, else a line every few seconds)')
    .option('--no-progress', 'show no progress').option('--json', 'print the summary as JSON')
    .action(run('import'));
  pskcKeyOptions(group.command('export').description('write authenticators as an RFC 6030 PSKC document (secrets encrypted unless --show-secret)'), 'encrypt the secrets with')
    .option('--serial <serial>', 'export this authenticator (repeat for more; default: all)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--out <file>', 'write the document to this file (mode 0600) instead of standard output')
    .option('--iterations <n>', 'PBKDF2 iterations with --password (default 100000)')
    .option('--show-secret', 'write the secrets in clear (PlainValue) when no key or password is given').option('--json', 'print the summary as JSON')
    .action(run('export'));
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
    .action(run('importAny'));
}

/** The PSKC key options of import and export; the environment variables keep secrets off the command line. */
export function pskcKeyOptions(cmd: Command, verb: string): Command {
  return cmd.addOption(new Option('--psk <hex>', `${verb} this pre-shared key (hex; 16, 24 or 32 bytes)`).env('COUNTERSIGN_PSKC_PSK'))
    .option('--psk-file <path>', `${verb} the pre-shared key in this file (hex text or raw bytes)`)
    .addOption(new Option('--password <pw>', `${verb} a key derived from this password (PBKDF2)`).env('COUNTERSIGN_PSKC_PASSWORD'))
    .option('--password-file <path>', `${verb} a key derived from the password in this file (its final newline dropped)`);
}
