// Policy administration (issue 17; flows.md §1 policy; OneSpan policyExecute POLICYCMD_CREATE/VIEW/
// UPDATE/DELETE): a policy names only the settings that differ from the defaults, checked with the seed
// format's rules (src/store/seed-schema.ts), so a policy made by a command and one from a seed are alike.
import type { Policy } from '../domain/model.js';
import { DEFAULT_POLICY, resolvePolicy } from '../engine/policy/defaults.js';
import { StoreReferenceError } from '../store/errors.js';
import { SeedError, checkPolicy } from '../store/seed-schema.js';
import type { StoredPolicy } from '../store/store.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';

/** A policy as shown: the stored settings (what differs from the defaults) and the effective ones. */
export interface PolicyView {
  readonly name: string;
  readonly settings: Omit<StoredPolicy, 'name'>;
  readonly effective: Policy;
}

/** Changes: setting name → value; `autoUnlock` may be partial; `null` returns a setting to its default. */
export type PolicyChanges = Record<string, unknown>;

const MAX_NAME_LENGTH = 255;

const view = (p: StoredPolicy): PolicyView => {
  const { name, ...settings } = p;
  return { name, settings, effective: resolvePolicy(p) };
};

/** The stored settings after `changes`; a string or a SeedError-style message on a bad one. */
function merge(base: StoredPolicy, changes: PolicyChanges): StoredPolicy | string {
  const next: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) continue;
    if (v === null) { delete next[k]; continue; }
    next[k] = k === 'autoUnlock' ? { ...(base.autoUnlock ?? {}), ...(v as object) } : v;
  }
  for (const [k, v] of Object.entries(next)) {
    if (k !== 'name' && k !== 'autoUnlock' && v === DEFAULT_POLICY[k as keyof Policy]) delete next[k];
  }
  try {
    checkPolicy(next, `policy "${base.name}"`);
  } catch (e) {
    if (e instanceof SeedError) return e.message;
    throw e;
  }
  return next as StoredPolicy;
}

/** Applies the changes to `base` and saves the policy, or refuses a bad value and saves nothing. */
async function saveMerged(svc: AdminServices, base: Parameters<typeof merge>[0], changes: PolicyChanges): Promise<AdminResult<PolicyView>> {
  const next = merge(base, changes);
  if (typeof next === 'string') return fail('INVDATA', next);
  await svc.store.savePolicy(next);
  return succeed(view(next));
}

export async function createPolicy(svc: AdminServices, name: string | undefined, changes: PolicyChanges): Promise<AdminResult<PolicyView>> {
  if (!name) return fail('MISSINGFLD', 'The policy name is missing');
  if (name.length > MAX_NAME_LENGTH) return fail('INVDATA', `The policy name is longer than ${MAX_NAME_LENGTH} characters`);
  if (await svc.store.findPolicy(name)) return fail('EXISTS', `A policy named "${name}" already exists (change it with update)`);
  return saveMerged(svc, { name }, changes);
}

export async function viewPolicy(svc: AdminServices, name: string | undefined): Promise<AdminResult<PolicyView>> {
  if (!name) return fail('MISSINGFLD', 'The policy name is missing');
  const p = await svc.store.findPolicy(name);
  return p ? succeed(view(p)) : fail('NOT_FOUND', `No policy named "${name}"`);
}

export async function listPolicies(svc: AdminServices): Promise<AdminResult<PolicyView[]>> {
  return succeed((await svc.store.listPolicies()).map(view));
}

export async function updatePolicy(svc: AdminServices, name: string | undefined, changes: PolicyChanges): Promise<AdminResult<PolicyView>> {
  if (!name) return fail('MISSINGFLD', 'The policy name is missing');
  const p = await svc.store.findPolicy(name);
  if (!p) return fail('NOT_FOUND', `No policy named "${name}" (create it first)`);
  return saveMerged(svc, p, changes);
}

export async function deletePolicy(svc: AdminServices, name: string | undefined): Promise<AdminResult<PolicyView>> {
  if (!name) return fail('MISSINGFLD', 'The policy name is missing');
  const p = await svc.store.findPolicy(name);
  if (!p) return fail('NOT_FOUND', `No policy named "${name}"`);
  try {
    await svc.store.deletePolicy(name);
  } catch (e) {
    if (e instanceof StoreReferenceError) return fail('INVDATA', `${e.message}: give that client another policy first`);
    throw e;
  }
  return succeed(view(p));
}
