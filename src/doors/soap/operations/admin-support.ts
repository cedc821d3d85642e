// Shared steps of the administration operations (soap-wire.md §4 admin shapes): the admin services of
// the context, the session check on `sessionID`, and answering an admin use case's result.
import type { AdminResult, AdminServices } from '../../../admin/services.js';
import type { StatusKey } from '../../../domain/status.js';
import { noteOutcome } from '../../../runtime/request-log.js';
import { requireSession } from '../../../admin/session.js';
import { sessionIdOf } from '../codec/decode-admin.js';
import { adminFailure, adminSuccess, type AdminAttr, type AdminFamily } from '../codec/encode-admin.js';
import type { SoapRequest } from '../codec/envelope.js';
import type { OperationContext } from './operation.js';

/** The admin services; a door wired without them cannot answer admin operations (a Server Fault). */
export function adminOf(ctx: OperationContext): AdminServices {
  if (!ctx.admin) throw new Error('Administration is not wired into this SOAP door');
  return ctx.admin;
}

/** The refusal envelope when the request's session is not usable, else undefined. */
export async function sessionRefusal(op: string, family: AdminFamily, request: SoapRequest, ctx: OperationContext): Promise<string | undefined> {
  const s = await requireSession(adminOf(ctx), sessionIdOf(request.children));
  if (s.ok && ctx.note) ctx.note.user = s.value.admin.userId;
  return s.ok ? undefined : refuse(op, family, s.status, s.detail, ctx);
}

/** The failure envelope of an admin operation, its status noted for the request log. */
export function refuse(op: string, family: AdminFamily, status: StatusKey, detail: string | undefined, ctx: OperationContext): string {
  noteOutcome(ctx.note, { status, detail });
  return adminFailure(op, family, status, detail, ctx.catalogue);
}

/** Encodes a use case's result: its value's attributes on success, the status and detail otherwise. */
export function answer<T>(op: string, family: AdminFamily, result: AdminResult<T>, attrs: (v: T) => AdminAttr[], ctx: OperationContext): string {
  if (!result.ok) return refuse(op, family, result.status, result.detail, ctx);
  noteOutcome(ctx.note, { status: 'SUCCESS' });
  return adminSuccess(op, family, attrs(result.value), ctx.catalogue);
}
