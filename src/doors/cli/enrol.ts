// `countersign enrol <userId>` (issue 5): creates a TOTP authenticator for the user and prints the
// otpauth:// URI with a QR code on the terminal, and as a PNG file (0600) with --png. The definition;
// the action (enrol-run.ts) loads only when it runs.
import type { Command } from 'commander';
import { lazy } from './lazy.js';

export function enrolCommand(cmd: Command): Command {
  return cmd.description('create a TOTP authenticator for a user and print its otpauth:// URI and QR code')
    .argument('<userId>', 'user ID').option('--domain <domain>', 'domain (default: master)')
    .option('--serial <serial>', 'serial number (default: TOTP- and random hex)').option('--issuer <name>', 'issuer shown by the app', 'Countersign')
    .option('--png <file>', 'also write the QR code as a PNG file').option('--no-qr', 'do not draw the QR code on the terminal')
    .option('--json', 'print JSON (serial, user, otpauthUri)')
    .action(lazy(() => import('./enrol-run.js'), (m) => m.enrolAction));
}
