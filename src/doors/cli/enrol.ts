// `countersign enrol <userId>` (issue 5): creates a TOTP authenticator for the user and prints the
// otpauth:// URI with a QR code on the terminal, and as a PNG file (0600) with --png. The URI holds the
// secret: it is meant to be shown to the user once, for the authenticator app.
import type { Command } from 'commander';
import QRCode from 'qrcode';
import { enrolTotp } from '../../admin/enrol.js';
import { report, withApp, type OutputOptions } from './admin-run.js';
import { writePrivateFile } from '../../runtime/private-files.js';

interface EnrolOptions extends OutputOptions { domain?: string; serial?: string; issuer?: string; png?: string; qr?: boolean }

export function enrolCommand(cmd: Command): Command {
  return cmd.description('create a TOTP authenticator for a user and print its otpauth:// URI and QR code')
    .argument('<userId>', 'user ID').option('--domain <domain>', 'domain (default: master)')
    .option('--serial <serial>', 'serial number (default: TOTP- and random hex)').option('--issuer <name>', 'issuer shown by the app', 'Countersign')
    .option('--png <file>', 'also write the QR code as a PNG file').option('--no-qr', 'do not draw the QR code on the terminal')
    .option('--json', 'print JSON (serial, user, otpauthUri)')
    .action((userId: string, o: EnrolOptions) => withApp(async (app) => {
      const r = await enrolTotp(app.admin, { userId, domain: o.domain }, { serial: o.serial, issuer: o.issuer });
      // The QR code holds the secret: the PNG is written owner-only (0600).
      if (r.ok && o.png) writePrivateFile(o.png, await QRCode.toBuffer(r.value.uri, { type: 'png' }));
      const drawing = r.ok && o.qr !== false && !o.json ? await QRCode.toString(r.value.uri, { type: 'terminal', small: true }) : '';
      report(app, r.ok ? { ok: true, value: { ...r.value.authenticator, otpauthUri: r.value.uri, png: o.png ?? null } } : r, o,
        (v) => `${v.serial} assigned to ${v.domain}\\${v.userId}\n${v.otpauthUri}\n${drawing}`.trimEnd());
    }));
}
