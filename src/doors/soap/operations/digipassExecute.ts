// digipassExecute (soap-wire.md §4 admin shapes; issue 5): `sessionID`, `cmd` (DIGIPASSCMD_*) and
// DIGIPASSFLD_* attributes → one authenticator use case of src/admin → the authenticator's attributes.
// An unknown or unsupported command is STAT_INVDATA naming it.
import {
  assignAuthenticator, deleteAuthenticator, unassignAuthenticator, viewAuthenticator, type AuthenticatorView,
} from '../../../admin/digipass.js';
import type { AdminResult, AdminServices } from '../../../admin/services.js';
import { DIGIPASSFLD } from '../codec/admin-fields.js';
import { int, text, type AdminFields } from '../codec/decode-admin.js';
import type { AdminAttr } from '../codec/encode-admin.js';
import { executeOperation } from './execute.js';

const OP = 'digipassExecute';
type Command = (svc: AdminServices, f: AdminFields) => Promise<AdminResult<AuthenticatorView>>;

const COMMANDS: Readonly<Record<string, Command>> = {
  VIEW: (svc, f) => viewAuthenticator(svc, text(f, 'serial')),
  ASSIGN: (svc, f) => assignAuthenticator(svc, text(f, 'serial'), { userId: text(f, 'userId'), domain: text(f, 'domain') }, int(f, 'gracePeriodDays')),
  UNASSIGN: (svc, f) => unassignAuthenticator(svc, text(f, 'serial')),
  DELETE: (svc, f) => deleteAuthenticator(svc, text(f, 'serial')),
};

/** The authenticator as DIGIPASSFLD attributes; owner fields and the grace period's end only when set. */
export function authenticatorAttributes(a: AuthenticatorView): AdminAttr[] {
  const out: AdminAttr[] = [
    { id: DIGIPASSFLD.SERNO.id, value: a.serial, type: 'string' },
    { id: DIGIPASSFLD.DPTYPE.id, value: a.kind.toUpperCase(), type: 'string' },
    { id: DIGIPASSFLD.ACTIVE_APPL_NAMES.id, value: a.applications.join(','), type: 'string' },
    { id: DIGIPASSFLD.ASSIGN_STATUS.id, value: a.assigned ? 'Assigned' : 'Unassigned', type: 'string' },
  ];
  if (a.userId !== null) out.push({ id: DIGIPASSFLD.ASSIGNED_USERID.id, value: a.userId, type: 'string' });
  if (a.domain !== null) out.push({ id: DIGIPASSFLD.DOMAIN.id, value: a.domain, type: 'string' });
  if (a.graceUntil !== null) out.push({ id: DIGIPASSFLD.GRACE_PERIOD_EXPIRES.id, value: new Date(a.graceUntil).toISOString(), type: 'dateTime' });
  return out;
}

export const digipassExecute = executeOperation({
  op: OP, family: 'Digipass', commands: COMMANDS, attributes: authenticatorAttributes,
  required: { field: 'serial', id: DIGIPASSFLD.SERNO.id },
  alsoMissing: (command, f) => (command === 'ASSIGN' && !text(f, 'userId') ? DIGIPASSFLD.ASSIGNED_USERID.id : undefined),
});
