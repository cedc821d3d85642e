// The common shape of userExecute, digipassExecute and digipassapplExecute (soap-wire.md §4 admin
// shapes): session check, `cmd` looked up by its prefix, fields read, mandatory fields, one use case.
import type { AdminResult, AdminServices } from '../../../admin/services.js';
import { CMD_PREFIX } from '../codec/admin-fields.js';
import { readAdminFields, siblingText, text, type AdminFields } from '../codec/decode-admin.js';
import type { AdminAttr, AdminFamily } from '../codec/encode-admin.js';
import { adminOf, answer, refuse, sessionRefusal } from './admin-support.js';
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

export function executeOperation<T>(spec: ExecuteSpec<T>): OperationHandler {
  const { op, family } = spec;
  const prefix = CMD_PREFIX[op];
  return {
    name: op,
    container: 'attributeSet',
    async handle(request, ctx) {
      const refused = await sessionRefusal(op, family, request, ctx);
      if (refused) return refused;
      const cmd = siblingText(request.children, 'cmd');
      if (!cmd) return refuse(op, family, 'MISSINGFLD', 'cmd', ctx);
      const name = cmd.startsWith(prefix) ? cmd.slice(prefix.length) : '';
      const run = Object.hasOwn(spec.commands, name) ? spec.commands[name] : undefined;
      if (!run) return refuse(op, family, 'INVDATA', `Unsupported command ${cmd.slice(0, 64)}`, ctx);
      const fields = readAdminFields(request.attributes);
      if (fields.invalid) return refuse(op, family, fields.invalid.status, fields.invalid.detail, ctx);
      const missing = !text(fields, spec.required.field) ? spec.required.id : spec.alsoMissing?.(name, fields);
      if (missing) return refuse(op, family, 'MISSINGFLD', missing, ctx);
      return answer(op, family, await run(adminOf(ctx), fields), spec.attributes, ctx);
    },
  };
}
