// Per-user RADIUS reply attributes (issue 5; other-frontends.md §4): show, set and clear the attributes
// the RADIUS connector endpoint returns with an approval. `Name=Value` has operator `:=`, `Name+=Value` `+=`.
import type { ReplyAttribute } from '../store/store.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';
import { findUserByKey, type UserKey } from './user-view.js';

const ASSIGNMENT = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63})(\+=|=)(.*)$/s;
/** A RADIUS attribute value holds at most 253 octets. */
const MAX_VALUE_BYTES = 253;

export interface ReplyAttributesView {
  readonly userId: string;
  readonly domain: string;
  readonly attributes: readonly Required<ReplyAttribute>[];
}

export interface ReplyAttributesChange {
  /** Remove every attribute first. */
  readonly clear?: boolean;
  /** `Name=Value` or `Name+=Value`: replaces the attributes of that name (several with one name are all kept). */
  readonly set?: readonly string[];
}

/** Parses `Name=Value` / `Name+=Value`; a reason naming the entry when it is malformed. */
export function parseAssignment(text: string): ReplyAttribute | string {
  const m = ASSIGNMENT.exec(text);
  if (!m) return `"${text.split('=')[0]}": give Name=Value (name: letters, digits, ".", "_", "-")`;
  if (Buffer.byteLength(m[3]!, 'utf8') > MAX_VALUE_BYTES) return `${m[1]}: the value is longer than ${MAX_VALUE_BYTES} bytes`;
  return { name: m[1]!, value: m[3]!, op: m[2] === '+=' ? '+=' : ':=' };
}

export async function replyAttributes(svc: AdminServices, key: UserKey, change: ReplyAttributesChange = {}): Promise<AdminResult<ReplyAttributesView>> {
  const found = await findUserByKey(svc, key);
  if (!found.ok) return found;
  const user = found.value;
  const parsed = (change.set ?? []).map(parseAssignment);
  const bad = parsed.find((p): p is string => typeof p === 'string');
  if (bad !== undefined) return fail('INVDATA', bad);
  const added = parsed as ReplyAttribute[];
  if (change.clear || added.length > 0) {
    const names = new Set(added.map((a) => a.name.toLowerCase()));
    const kept = change.clear ? [] : (await svc.store.listReplyAttributes(user.id)).filter((a) => !names.has(a.name.toLowerCase()));
    await svc.store.setReplyAttributes(user.id, [...kept, ...added]);
  }
  return succeed({ userId: user.userId, domain: user.domain, attributes: await svc.store.listReplyAttributes(user.id) });
}
