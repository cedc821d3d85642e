// The actions of `countersign authenticator ...` and `countersign import` (definitions in
// authenticator.ts, loaded only when one runs): the authenticator use cases of src/admin; a secret is
// printed only with `--show-secret`, a PIN is read from standard input.
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

/** `<name> <serial>`: runs `action` and prints the authenticator. */
const bySerial = (action: typeof viewAuthenticator) => (serial: string, o: OutputOptions) =>
  withApp(async (app) => report(app, await action(app.admin, serial), o, describe));

export const authenticatorActions = {
  create: (serial: string, o: CreateOptions) => withApp(async (app) => {
    const r = await createAuthenticator(app.admin, {
      serial, kind: o.kind, algorithm: o.algorithm, digits: Number(o.digits), period: Number(o.period),
      user: o.user ? { userId: o.user, domain: o.domain } : undefined, delivery: o.delivery, backup: o.backup,
      uses: o.uses === undefined ? undefined : Number(o.uses), days: o.days === undefined ? undefined : Number(o.days),
    });
    report(app, r.ok ? succeed(created(r.value, o)) : r, o, describeCreated);
  }),
  assign: (serial: string, userId: string, o: AssignOptions) => withApp(async (app) => {
    const grace = o.graceDays === undefined ? undefined : Number(o.graceDays);
    report(app, await assignAuthenticator(app.admin, serial, { userId, domain: o.domain }, grace), o, describe);
  }),
  unassign: bySerial(unassignAuthenticator),
  show: bySerial(viewAuthenticator),
  list: (o: ListOptions) => withApp(async (app) => {
    report(app, await listAuthenticators(app.admin, Number(o.offset), Number(o.limit)), o, (as) => as.map(describe).join('\n') || '(no authenticators)');
  }),
  'set-pin': (serial: string, o: OutputOptions) => withApp(async (app) => {
    report(app, await setAuthenticatorPin(app.admin, serial, await readStdinSecret()), o, describe);
  }),
  'reset-pin': bySerial((svc, s) => resetAuthenticatorPin(svc, s!)),
  delete: bySerial(deleteAuthenticator),
  import: (file: string, o: ImportOptions) => withApp(async (app) => importCommand(app.admin, file, o)),
  export: (o: ExportOptions) => withApp(async (app) => exportCommand(app.admin, o)),
  /** `countersign import <file>`: a seed document, or CSV/PSKC authenticators. */
  importAny: (file: string, o: ImportOptions) => withApp(async (app) => importAnyCommand(app.admin, file, o)),
};
