// logon (soap-wire.md §4 admin shapes): CREDFLD_USERID, CREDFLD_DOMAIN, CREDFLD_PASSWORD (or
// CREDFLD_STATIC_PASSWORD), CREDFLD_PASSWORD_FORMAT in `attributeSet` → a session id
// (CREDFLD_SESSION_ID, masked) for an administrator, with its privileges and the product name and version.
import { ADMIN_PRIVILEGES, logon as logonUseCase } from '../../../admin/session.js';
import { PRODUCT } from '../../../runtime/product.js';
import { CREDFLD } from '../codec/credfld.js';
import type { StatusKey } from '../../../domain/status.js';
import { missingField, readFields } from '../codec/fields.js';
import { adminOf, answer, refuse as refuseWith } from './admin-support.js';
import type { OperationHandler } from './operation.js';

const OP = 'logon';

export const logon: OperationHandler = {
  name: OP,
  container: 'attributeSet',
  async handle(request, ctx) {
    const { values, invalid } = readFields(request.attributes);
    const refuse = (p: { status: StatusKey; detail: string }) => refuseWith(OP, 'Credential', p.status, p.detail, ctx);
    if (invalid) return refuse(invalid);
    if (!values.userId) return refuse(missingField(CREDFLD.USERID));
    if (ctx.note) ctx.note.user = values.userId;
    const password = values.password ?? values.staticPassword;
    if (password === undefined) return refuse(missingField(CREDFLD.PASSWORD));
    if (values.passwordFormat !== undefined && !['0', '4'].includes(values.passwordFormat.trim())) {
      return refuse({ status: 'INVDATA', detail: `${CREDFLD.PASSWORD_FORMAT.id} must be 0 or 4` });
    }
    const result = await logonUseCase(adminOf(ctx), { userId: values.userId, domain: values.domain, password, sourceAddress: ctx.sourceAddress });
    return answer(OP, 'Credential', result, (s) => [
      { id: CREDFLD.USERID.id, value: s.admin.userId, type: 'string' },
      { id: CREDFLD.DOMAIN.id, value: s.admin.domain, type: 'string' },
      { id: CREDFLD.SESSION_ID.id, value: s.sessionId, type: 'string', masked: true },
      { id: CREDFLD.LOGICAL_ADMIN_PRIVILEGES.id, value: ADMIN_PRIVILEGES.map((p) => `${p} true`).join(', '), type: 'string' },
      { id: CREDFLD.PRODUCT_NAME.id, value: PRODUCT.name, type: 'string' },
      { id: CREDFLD.PRODUCT_VERSION.id, value: PRODUCT.version, type: 'string' },
    ], ctx);
  },
};
