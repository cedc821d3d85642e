// A user's last logon (issue 21 console user view): the newest successful authentication in the audit
// log under the user's ID, through any door; an administrator's own administrative changes, also
// recorded under their ID, are not logons and are passed over. Reads a bounded number of entries.
import { ADMIN_COMPONENT_TYPE } from './admin-audit.js';
import { succeed, type AdminResult, type AdminServices } from './services.js';
import { findUserByKey, type UserKey } from './user-view.js';

export interface LastLogon {
  /** ISO-8601 UTC. */
  readonly at: string;
  readonly door: string;
  readonly serialNo: string | null;
}

/** How many of the newest successes are read to find one that is a logon. */
const LOOK_BACK = 50;

export async function lastLogon(svc: AdminServices, key: UserKey): Promise<AdminResult<LastLogon | null>> {
  const found = await findUserByKey(svc, key);
  if (!found.ok) return found;
  const u = found.value;
  const entries = await svc.store.listAudit({ userId: u.userId, status: 'SUCCESS', newestFirst: true, limit: LOOK_BACK });
  const hit = entries.find((e) => e.componentType !== ADMIN_COMPONENT_TYPE && (e.domain === null || e.domain.toLowerCase() === u.domain.toLowerCase()));
  return succeed(hit ? { at: new Date(hit.at).toISOString(), door: hit.door, serialNo: hit.serialNo } : null);
}
