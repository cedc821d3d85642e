// The `countersign` command line: `serve` starts the server; `migrate` updates the schema; `otp` is a
// soft token for QA.
// Each command lives in its own file; this one only declares arguments (commander) and reports errors.
// A command's implementation is imported when that command runs (lazy.ts): `--help`, `--version` and
// each command load only what they use.
import { outboxCommand } from './outbox.js';
import { Command } from 'commander';
import { PRODUCT } from '../../runtime/product.js';
import { noteCommand } from './admin-note.js';
import { lazy } from './lazy.js';
import { userCommands } from './user.js';
import { authenticatorCommands, importAnyCommands } from './authenticator.js';
import { auditCommand } from './audit.js';
import { enrolCommand } from './enrol.js';
import { apiKeyCommands } from './apikey.js';
import { policyCommands } from './policy.js';
import { clientCommands } from './client.js';

/** `--field` of `call`, repeatable. */
const collectField = (value: string, previous: string[]): string[] => [...previous, value];

export const program = new Command('countersign')
  .description('Countersign: an open OATH authentication server speaking the IDENTIKEY SOAP API')
  .version(`countersign ${PRODUCT.version}`, '-V, --version', 'print the version and exit')
  .showHelpAfterError()
  // A command's options are its own: `audit --json` lists, `audit purge --json` is purge's (commands with subcommands).
  .enablePositionalOptions()
  .hook('preAction', (_program, action) => noteCommand(action));

program.command('serve')
  .description('start the server (SOAP on COUNTERSIGN_HTTP_PORT, default 8888) on the configured store')
  .option('-p, --port <port>', 'listen on this port instead of COUNTERSIGN_HTTP_PORT')
  .action(lazy(() => import('./serve.js'), (m) => m.serveCommand));

program.command('migrate')
  .description('apply pending schema migrations to COUNTERSIGN_DATABASE and list them (nodes also migrate at start)')
  .action(lazy(() => import('./migrate.js'), (m) => m.migrateCommand));

program.command('otp')
  .description('print the current OTP of an authenticator in the store (a soft token for QA and SoapUI users)')
  .argument('<serial>', 'serial number, e.g. VDS0000001')
  .option('--at <instant>', 'compute for this ISO-8601 instant instead of the server clock')
  .option('--challenge <c>', 'OCRA: the response to this challenge (as getChallenge or a 2-step request returned it)')
  .option('--host-code <otp>', 'print the host code the server returns after accepting this OTP')
  .option('--force', 'also for authenticators whose secret is not a published demo key')
  .option('--json', 'print JSON')
  .action(lazy(() => import('./otp.js'), (m) => m.otpCommand));

program.command('device')
  .description('push device simulator: list, approve or reject the pending push transactions of a device (signs with its secret, as the device would)')
  .argument('<action>', 'list, approve or reject')
  .argument('[serial]', 'serial number of the push device, e.g. VDS0000004 (list without it: every device)')
  .option('--key <challengeKey>', 'the transaction to answer (default: the oldest pending one)')
  .option('--json', 'print JSON')
  .action(lazy(() => import('./device.js'), (m) => m.deviceCommand));

program.command('record')
  .description('recording proxy: forward SOAP traffic to a real IDENTIKEY server and write each exchange as a case folder')
  .requiredOption('--upstream <url>', 'the real server, e.g. https://idks.example.com:8888/')
  .requiredOption('--out <dir>', 'folder for the case folders (<NNNN>-<operation>-<user>/)')
  .option('--listen <port>', 'port to listen on', '8888')
  .option('--host <address>', 'address to bind', '0.0.0.0')
  .option('--keep-secrets', 'write passwords, PINs, OTPs and session ids in clear text (default: masked)')
  .option('--ca <pem>', 'extra CA certificate(s) to trust for an https upstream')
  .option('--timeout <ms>', 'upstream answer timeout (and longest pause within an answer)', '30000')
  .option('--max-record <bytes>', 'bodies larger than this are passed through but not recorded', '1048576')
  .action(lazy(() => import('./record.js'), (m) => m.recordCommand));

program.command('replay')
  .description('send recorded or golden cases to Countersign and show structural differences (exit 1 on any)')
  .argument('<dir>', 'folder of case folders (request.xml, response.xml, seed.json or meta.json)')
  .option('--target <url>', 'a running server; default: start Countersign for the run on a temporary store')
  .option('--seed <seed.json>', 'seed for cases without their own seed.json (default: the demo seed)')
  .option('--clock <instant>', 'frozen clock for cases without $clock in their seed.json (default: recorded time, else 2026-01-01T00:00:00Z)')
  .option('--update', 'rewrite response.xml (and meta.json status) from the target\'s answers')
  .option('--junit <file>', 'write a JUnit XML report')
  .option('--suggest-codes', 'print COUNTERSIGN_STATUS_OVERRIDES entries where the recorded status differs from ours')
  .option('--ignore <ids>', 'comma-separated attribute IDs whose values are not compared (added to the built-in list)')
  .option('--ca <pem>', 'extra CA certificate(s) to trust for an https --target')
  .option('--timeout <ms>', 'per-request timeout', '30000')
  .action(lazy(() => import('./replay.js'), (m) => m.replayCommand));

program.command('call')
  .description('send a SOAP operation built from named fields to a running server and print the request and the answer (no XML to write)')
  .argument('<operation>', 'authUser, getChallenge, logon, userExecute, ... (any operation the server answers)')
  .option('-f, --field <name=value>', 'a field: CREDFLD_/USERFLD_... ID, table key (USERID) or field name (userId), or an element (sessionID, cmd); repeat it', collectField, [])
  .option('--url <url>', 'the server (default: http://localhost:COUNTERSIGN_HTTP_PORT/)')
  .option('--show-secrets', 'print passwords, PINs and session ids in clear (default: masked)')
  .option('--timeout <ms>', 'answer timeout', '60000')
  .option('--json', 'print JSON')
  .action(lazy(() => import('./call.js'), (m) => m.callCommand));

program.command('backup')
  .description('copy the SQLite store to <file> (owner-only), consistent even while the server runs; PostgreSQL: use pg_dump')
  .argument('<file>', 'the backup file to write (refused if it exists, unless --force)')
  .option('--force', 'replace the file if it exists')
  .option('--no-progress', 'show no progress on stderr')
  .option('--json', 'print the result as JSON')
  .action(lazy(() => import('./backup.js'), (m) => m.backupCommand));

userCommands(program.command('user'));
authenticatorCommands(program.command('authenticator'));
auditCommand(program.command('audit'));
enrolCommand(program.command('enrol'));
apiKeyCommands(program.command('apikey'));
importAnyCommands(program.command('import'));
policyCommands(program.command('policy'));
clientCommands(program.command('client'));
outboxCommand(program.command('outbox'));

/** Parses the command line and runs the command (bin/countersign.js); importing this file only defines `program` (npm run docs reads its help). */
export function run(argv: readonly string[] = process.argv): void {
  program.parseAsync(argv).catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`countersign: ${message}\n`);
    // Exit now: a command that failed half-way (e.g. serve at start) must not linger on an open handle.
    process.exit(1);
  });
}
