// Audit of administrative changes (issue 17): who (the administrator), which command, which object,
// through which door (cli, admin-soap, rest, console), and the outcome, written to the audit log next to the
// logons. The object is an identifier (user, serial, policy, component type, address), never a secret.
import { STATUS, type StatusKey } from '../domain/status.js';
import { ADMIN_AUDIT_COMPONENT_TYPE } from '../store/records.js';
import type { AdminServices } from './services.js';

/** The component type of administration entries: `countersign audit --admin` selects them (retention keeps them longer). */
export const ADMIN_COMPONENT_TYPE = ADMIN_AUDIT_COMPONENT_TYPE;
export type AdminDoor = 'cli' | 'admin-soap' | 'rest' | 'console';

export interface AdminActor {
  readonly door: AdminDoor;
  /** Who: the administrator's domain and user ID (the command line: domain `os`, the OS account). */
  readonly domain: string | null;
  readonly userId: string | null;
  readonly sourceAddress: string | null;
}

export interface AdminChange {
  /** e.g. `policy create` (command line) or `USERCMD_CREATE` (admin SOAP). */
  readonly command: string;
  /** e.g. `Production`, `master\alice`, `RADIUS Client`. */
  readonly object: string;
  readonly status: StatusKey;
  /** The refusal's reason (names a field or rule, never a value given for a secret). */
  readonly reason?: string;
}

const MAX_TEXT = 200;
/** Control characters out (one line per entry), length bounded. */
const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, MAX_TEXT);

export async function auditAdminChange(svc: AdminServices, actor: AdminActor, change: AdminChange): Promise<void> {
  const detail = `${clean(change.command)} ${clean(change.object)}`.trim() + (change.reason ? `: ${clean(change.reason)}` : '');
  await svc.store.record({
    at: svc.clock.now(), door: actor.door, componentType: ADMIN_COMPONENT_TYPE, domain: actor.domain, userId: actor.userId,
    serialNo: null, status: change.status, statusCode: STATUS[change.status].code, sourceAddress: actor.sourceAddress, detail,
  });
}
