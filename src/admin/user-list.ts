// Listing users for the command line and userQuery (issue 5): a page of users in domain/user ID order.
import { succeed, fail, type AdminResult, type AdminServices } from './services.js';
import { toUserView, type UserView } from './user-view.js';

export const MAX_PAGE = 10_000;

export async function listUsers(svc: AdminServices, offset = 0, limit = 1000): Promise<AdminResult<UserView[]>> {
  if (!Number.isInteger(offset) || offset < 0) return fail('INVDATA', 'The offset must be a whole number, 0 or more');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) return fail('INVDATA', `The limit must be 1 to ${MAX_PAGE}`);
  const users = await svc.store.listUsers(offset, limit);
  const views: UserView[] = [];
  for (const u of users) views.push(await toUserView(svc, u));
  return succeed(views);
}
