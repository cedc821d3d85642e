// Shared steps of userQuery and digipassQuery (soap-wire.md §4): session check, query reading, and the
// answer with one attributeList per match, cut down to the requested field set.
import type { AdminResult, AdminServices } from '../../../admin/services.js';
import type { Criterion, Page } from '../../../admin/query.js';
import { readQuery } from '../codec/decode-query.js';
import { adminQuerySuccess, type AdminAttr, type AdminFamily } from '../codec/encode-admin.js';
import { noteOutcome } from '../../../runtime/request-log.js';
import type { SoapRequest } from '../codec/envelope.js';
import { adminOf, refuse, sessionRefusal } from './admin-support.js';
import type { OperationContext } from './operation.js';

export interface QuerySpec<T> {
  readonly op: string;
  readonly family: AdminFamily;
  run(svc: AdminServices, criteria: readonly Criterion[], page: Page): Promise<AdminResult<T[]>>;
  attributes(t: T): AdminAttr[];
}

export async function answerQuery<T>(spec: QuerySpec<T>, request: SoapRequest, ctx: OperationContext): Promise<string> {
  const refused = await sessionRefusal(spec.op, spec.family, request, ctx);
  if (refused) return refused;
  const q = readQuery(request.attributes, request.children);
  if (q.invalid) return refuse(spec.op, spec.family, q.invalid.status, q.invalid.detail, ctx);
  const result = await spec.run(adminOf(ctx), q.criteria, q.page);
  if (!result.ok) return refuse(spec.op, spec.family, result.status, result.detail, ctx);
  const rows = result.value.map((t) => spec.attributes(t).filter((a) => !q.fields || q.fields.has(a.id)));
  noteOutcome(ctx.note, { status: 'SUCCESS' });
  return adminQuerySuccess(spec.op, spec.family, rows, ctx.catalogue);
}
