// The common shape of userExecute, digipassExecute and digipassapplExecute (soap-wire.md §4 admin
// shapes): session check, `cmd` looked up by its prefix, fields read, mandatory fields, one use case.
import { auditAdminChange } from '../../../admin/admin-audit.js';
import type { AdminResult, AdminServices } from '../../../admin/services.js';
import { requireSession } from '../../../admin/session.js';
import { CMD_PREFIX } from '../codec/admin-fields.js';
import { readAdminFields, sessionIdOf, siblingText, text, type AdminFields } from '../codec/decode-admin.js';
import type { AdminAttr, AdminFamily } from '../codec/encode-admin.js';
import { adminOf, answer, refuse } from './admin-support.js';
import type { OperationContext } from './operation.js';
import type { OperationHandler } from './operation.js';

export type Command<T> = (svc: AdminServices, f: AdminFields) => Promise<AdminResult<T>>;

export interface ExecuteSpec<T> {
  readonly op: keyof typeof CMD_PREFIX;
  readonly family: AdminFamily;
  readonly commands: Readonly<Record<string, Command<T>>>;
  /** The field that every command needs, and its attribute ID for the missing-field message. */
  readonly required: { readonly field: string; readonly id: string };
  /** A further mandatory field for some commands: the attribute ID that is missing, if any. */
  readonly alsoMissing?: (command: string, f: AdminFields) => string | undefined;
  readonly attributes: (v: T) => AdminAttr[];
}

/** Commands that only read: not audited (every other command is an administrative change, issue 17). */
const READS = new Set(['VIEW', 'GET_EFFECTIVE_POLICY']);

/** The audit entry of a change: the session's administrator, the command, the object named by the required field. */
async function audit<T>(ctx: OperationContext, admin: { domain: string; userId: string }, cmd: string, object: string, result: AdminResult<T>): Promise<void> {
  await auditAdminChange(adminOf(ctx), { door: 'admin-soap', domain: admin.domain, userId: admin.userId, sourceAddress: ctx.sourceAddress ?? null },
    { command: cmd, object, status: result.ok ? 'SUCCESS' : result.status, reason: result.ok ? undefined : result.detail });
}

/** The object of a command: the user (`domain\\userId`), or the key field and the user it concerns. */
function objectOf(f: AdminFields, keyField: string): string {
  const userId = text(f, 'userId');
  const user = userId ? `${text(f, 'domain') ?? 'master'}\\${userId}` : undefined;
  if (keyField === 'userId') return user!;
  const location = text(f, 'location');
  return [text(f, keyField), user, location && `location=${location}`].filter(Boolean).join(' ');
}

export function executeOperation<T>(spec: ExecuteSpec<T>): OperationHandler {
  const { op, family } = spec;
  const prefix = CMD_PREFIX[op];
  return {
    name: op,
    container: 'attributeSet',
    async handle(request, ctx) {
      const session = await requireSession(adminOf(ctx), sessionIdOf(request.children));
      if (!session.ok) return refuse(op, family, session.status, session.detail, ctx);
      if (ctx.note) ctx.note.user = session.value.admin.userId;
      const cmd = siblingText(request.children, 'cmd');
      if (!cmd) return refuse(op, family, 'MISSINGFLD', 'cmd', ctx);
      const name = cmd.startsWith(prefix) ? cmd.slice(prefix.length) : '';
      const run = Object.hasOwn(spec.commands, name) ? spec.commands[name] : undefined;
      if (!run) return refuse(op, family, 'INVDATA', `Unsupported command ${cmd.slice(0, 64)}`, ctx);
      const fields = readAdminFields(request.attributes);
      if (fields.invalid) return refuse(op, family, fields.invalid.status, fields.invalid.detail, ctx);
      const missing = !text(fields, spec.required.field) ? spec.required.id : spec.alsoMissing?.(name, fields);
      if (missing) return refuse(op, family, 'MISSINGFLD', missing, ctx);
      const result = await run(adminOf(ctx), fields);
      if (!READS.has(name)) {
        await audit(ctx, session.value.admin, cmd, objectOf(fields, spec.required.field), result);
      }
      return answer(op, family, result, spec.attributes, ctx);
    },
  };
}
