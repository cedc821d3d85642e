// userQuery and digipassQuery (issue 5; soap-wire.md §4): every user or authenticator whose fields
// match all criteria (case-insensitive, `*` as wildcard; `negative` inverts; `isNull` asks for an empty
// field), a page of them by offset and count; none is STAT_NOT_FOUND. Scans the store page by page.
import type { AuthenticatorView } from './digipass.js';
import { toAuthenticatorView } from './digipass.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';
import { toUserView, type UserView } from './user-view.js';

export interface Criterion {
  /** A field of the view (`userId`, `email`, `serial`, `assignStatus`, ...). */
  readonly field: string;
  readonly value?: string;
  readonly negative?: boolean;
  readonly isNull?: boolean;
}

export interface Page { readonly offset: number; readonly count: number }

const SCAN = 500;
export const MAX_ROWS = 1000;

/** A view's field as text ('' when empty); booleans and numbers as their JSON text. */
export function fieldText(view: object, field: string): string {
  const v = (view as Record<string, unknown>)[field];
  if (Array.isArray(v)) return v.join(',');
  return v === null || v === undefined ? '' : String(v);
}

const wildcard = (pattern: string): RegExp => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');

export function matches(view: object, criteria: readonly Criterion[]): boolean {
  return criteria.every((c) => {
    const text = fieldText(view, c.field);
    const hit = c.isNull ? text === '' : wildcard(c.value ?? '*').test(text);
    return c.negative ? !hit : hit;
  });
}

async function scan<T>(fetch: (offset: number, limit: number) => Promise<T[]>, keep: (t: T) => boolean, page: Page): Promise<AdminResult<T[]>> {
  if (page.offset < 0 || page.count < 1 || page.count > MAX_ROWS) return fail('INVDATA', `The row offset must be 0 or more and the row count 1 to ${MAX_ROWS}`);
  const out: T[] = [];
  let skipped = 0;
  for (let at = 0; out.length < page.count; at += SCAN) {
    const batch = await fetch(at, SCAN);
    for (const t of batch) {
      if (!keep(t)) continue;
      if (skipped < page.offset) skipped++;
      else if (out.length < page.count) out.push(t);
    }
    if (batch.length < SCAN) break;
  }
  return out.length > 0 ? succeed(out) : fail('NOT_FOUND', 'Nothing matches the query');
}

/** Computed fields a query may test besides the view's own: hasDp (`Assigned`/`Unassigned`). */
const userRow = (u: UserView) => ({ ...u, hasDp: u.serials.length > 0 ? 'Assigned' : 'Unassigned', assignedDigipass: u.serials });

export async function queryUsers(svc: AdminServices, criteria: readonly Criterion[], page: Page): Promise<AdminResult<UserView[]>> {
  const fetch = async (o: number, l: number) => Promise.all((await svc.store.listUsers(o, l)).map((u) => toUserView(svc, u)));
  return scan(fetch, (u) => matches(userRow(u), criteria), page);
}

const authRow = (a: AuthenticatorView) => ({ ...a, assignStatus: a.assigned ? 'Assigned' : 'Unassigned' });

export async function queryAuthenticators(svc: AdminServices, criteria: readonly Criterion[], page: Page): Promise<AdminResult<AuthenticatorView[]>> {
  const fetch = async (o: number, l: number) => Promise.all((await svc.store.listAuthenticators(o, l)).map((a) => toAuthenticatorView(svc, a)));
  return scan(fetch, (a) => matches(authRow(a), criteria), page);
}
