// The action of `countersign enrol <userId>` (definition in enrol.ts, loaded only when it runs): creates a
// TOTP authenticator for the user, prints the otpauth:// URI with a QR code on the terminal, and writes it
// as a PNG file (0600) with --png. The URI holds the secret: it is meant to be shown to the user once.
import QRCode from 'qrcode';
import { enrolTotp } from '../../admin/enrol.js';
import { report, withApp, type OutputOptions } from './admin-run.js';
import { writePrivateFile } from '../../runtime/private-files.js';

interface EnrolOptions extends OutputOptions { domain?: string; serial?: string; issuer?: string; png?: string; qr?: boolean }

export const enrolAction = (userId: string, o: EnrolOptions) => withApp(async (app) => {
  const r = await enrolTotp(app.admin, { userId, domain: o.domain }, { serial: o.serial, issuer: o.issuer });
  // The QR code holds the secret: the PNG is written owner-only (0600).
  if (r.ok && o.png) writePrivateFile(o.png, await QRCode.toBuffer(r.value.uri, { type: 'png' }));
  const drawing = r.ok && o.qr !== false && !o.json ? await QRCode.toString(r.value.uri, { type: 'terminal', small: true }) : '';
  report(app, r.ok ? { ok: true, value: { ...r.value.authenticator, otpauthUri: r.value.uri, png: o.png ?? null } } : r, o,
    (v) => `${v.serial} assigned to ${v.domain}\\${v.userId}\n${v.otpauthUri}\n${drawing}`.trimEnd());
});
