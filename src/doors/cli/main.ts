// The `countersign` command line: `serve` starts the server; `migrate` updates the schema; `otp` is a
// soft token for QA.
// Each command lives in its own file; this one only parses arguments (commander) and reports errors.
import { Command } from 'commander';
import { ConfigError } from '../../config/load.js';
import { serveCommand } from './serve.js';
import { otpCommand } from './otp.js';
import { migrateCommand } from './migrate.js';

const program = new Command('countersign')
  .description('Countersign: an open OATH authentication server speaking the IDENTIKEY SOAP API')
  .showHelpAfterError();

program.command('serve')
  .description('start the server (SOAP on COUNTERSIGN_HTTP_PORT, default 8888) on the configured store')
  .option('-p, --port <port>', 'listen on this port instead of COUNTERSIGN_HTTP_PORT')
  .action(serveCommand);

program.command('migrate')
  .description('apply pending schema migrations to COUNTERSIGN_DATABASE and list them (nodes also migrate at start)')
  .action(migrateCommand);

program.command('otp')
  .description('print the current OTP of an authenticator in the store (a soft token for QA and SoapUI users)')
  .argument('<serial>', 'serial number, e.g. VDS0000001')
  .option('--at <instant>', 'compute for this ISO-8601 instant instead of the server clock')
  .option('--force', 'also for authenticators whose secret is not a published demo key')
  .option('--json', 'print JSON')
  .action(otpCommand);

program.parseAsync(process.argv).catch((err: unknown) => {
  const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
  process.stderr.write(`countersign: ${message}\n`);
  process.exitCode = 1;
});
