// digipassapplExecute (soap-wire.md §4 admin shapes; issue 5): `sessionID`, `cmd` (DIGIPASSAPPLCMD_
// SET_PIN, ENABLE_PIN, DISABLE_PIN, FORCE_PIN_CHANGE, TEST_OTP) and DIGIPASSAPPLFLD_* attributes → the authenticator's attributes;
// TEST_OTP adds DIGIPASSAPPLFLD_RESULT_CODE (0 = valid) and consumes nothing. Other commands: STAT_INVDATA.
import { forcePinChange, setApplPin, setPinChecking, testOtp } from '../../../admin/digipass-appl.js';
import type { AuthenticatorView } from '../../../admin/digipass.js';
import type { AdminResult, AdminServices } from '../../../admin/services.js';
import { DIGIPASSAPPLFLD } from '../codec/admin-fields.js';
import { text, type AdminFields } from '../codec/decode-admin.js';
import type { AdminAttr } from '../codec/encode-admin.js';
import { authenticatorAttributes } from './digipassExecute.js';
import { executeOperation } from './execute.js';

const OP = 'digipassapplExecute';
interface Done { readonly view: AuthenticatorView; readonly resultCode?: number }
type Command = (svc: AdminServices, f: AdminFields) => Promise<AdminResult<Done>>;

const asDone = async (r: Promise<AdminResult<AuthenticatorView>>): Promise<AdminResult<Done>> => {
  const v = await r;
  return v.ok ? { ok: true, value: { view: v.value } } : v;
};

const COMMANDS: Readonly<Record<string, Command>> = {
  SET_PIN: (svc, f) => asDone(setApplPin(svc, text(f, 'serial'), text(f, 'newPin'))),
  ENABLE_PIN: (svc, f) => asDone(setPinChecking(svc, text(f, 'serial'), true)),
  DISABLE_PIN: (svc, f) => asDone(setPinChecking(svc, text(f, 'serial'), false)),
  FORCE_PIN_CHANGE: (svc, f) => asDone(forcePinChange(svc, text(f, 'serial'))),
  TEST_OTP: (svc, f) => testOtp(svc, text(f, 'serial'), text(f, 'response')),
};

function attributes(d: Done): AdminAttr[] {
  const out = authenticatorAttributes(d.view);
  if (d.resultCode !== undefined) out.push({ id: DIGIPASSAPPLFLD.RESULT_CODE.id, value: String(d.resultCode), type: 'int' });
  return out;
}

export const digipassapplExecute = executeOperation({
  op: OP, family: 'Digipass', commands: COMMANDS, attributes,
  required: { field: 'serial', id: DIGIPASSAPPLFLD.SERNO.id },
});
