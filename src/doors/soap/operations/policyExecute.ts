// policyExecute (issue 17; OneSpan POLICYCMD_CREATE/VIEW/UPDATE/DELETE/GET_EFFECTIVE_POLICY): `sessionID`,
// `cmd` and POLICYFLD_* attributes → one policy use case of src/admin → the policy's attributes. VIEW
// answers the settings the policy sets; GET_EFFECTIVE_POLICY every setting, defaults filled in.
import { createPolicy, deletePolicy, updatePolicy, viewPolicy, type PolicyChanges, type PolicyView } from '../../../admin/policy.js';
import type { AdminResult, AdminServices } from '../../../admin/services.js';
import type { Policy } from '../../../domain/model.js';
import { POLICYFLD } from '../codec/admin-fields.js';
import { flag, int, text, type AdminFields } from '../codec/decode-admin.js';
import type { AdminAttr } from '../codec/encode-admin.js';
import { executeOperation } from './execute.js';

type Command = (svc: AdminServices, f: AdminFields) => Promise<AdminResult<PolicyView & { all?: boolean }>>;

const name = (f: AdminFields) => text(f, 'policyId');

function changes(f: AdminFields): PolicyChanges {
  const enabled = flag(f, 'autoUnlockEnabled');
  const durationS = int(f, 'autoUnlockDurationS');
  const autoUnlock = enabled === undefined && durationS === undefined ? undefined
    : { ...(enabled === undefined ? {} : { enabled }), ...(durationS === undefined ? {} : { durationS }) };
  return {
    lockThreshold: int(f, 'lockThreshold'), localAuthDefault: text(f, 'localAuthDefault'), genericStatusCodes: flag(f, 'genericStatusCodes'),
    challengeKeyword: text(f, 'challengeKeyword'), pushKeyword: text(f, 'pushKeyword'), targetSystem: text(f, 'targetSystem'), autoUnlock,
  };
}

const COMMANDS: Readonly<Record<string, Command>> = {
  CREATE: (svc, f) => createPolicy(svc, name(f), changes(f)),
  VIEW: (svc, f) => viewPolicy(svc, name(f)),
  GET_EFFECTIVE_POLICY: async (svc, f) => {
    const r = await viewPolicy(svc, name(f));
    return r.ok ? { ok: true, value: { ...r.value, all: true } } : r;
  },
  UPDATE: (svc, f) => updatePolicy(svc, name(f), changes(f)),
  DELETE: (svc, f) => deletePolicy(svc, name(f)),
};

/** The wire value of one setting of `p`, or undefined when the view leaves it out. */
function setting(v: PolicyView & { all?: boolean }, get: (p: Partial<Policy>) => unknown): string | undefined {
  const value = get(v.all ? v.effective : v.settings);
  return value === undefined ? undefined : String(value);
}

export function policyAttributes(v: PolicyView & { all?: boolean }): AdminAttr[] {
  const rows: [typeof POLICYFLD[keyof typeof POLICYFLD], AdminAttr['type'], (p: Partial<Policy>) => unknown][] = [
    [POLICYFLD.LOCK_THRESHOLD, 'int', (p) => p.lockThreshold], [POLICYFLD.LOCAL_AUTH, 'string', (p) => p.localAuthDefault],
    [POLICYFLD.GENERIC_STATUS_CODES, 'boolean', (p) => p.genericStatusCodes], [POLICYFLD.CHALLENGE_KEYWORD, 'string', (p) => p.challengeKeyword],
    [POLICYFLD.PUSH_KEYWORD, 'string', (p) => p.pushKeyword], [POLICYFLD.TARGET_SYSTEM, 'string', (p) => p.targetSystem],
    [POLICYFLD.AUTO_UNLOCK, 'boolean', (p) => p.autoUnlock?.enabled], [POLICYFLD.AUTO_UNLOCK_DURATION, 'int', (p) => p.autoUnlock?.durationS],
  ];
  const out: AdminAttr[] = [{ id: POLICYFLD.POLICY_ID.id, value: v.name, type: 'string' }];
  for (const [fld, type, get] of rows) {
    const value = setting(v, get);
    if (value !== undefined) out.push({ id: fld.id, value, type });
  }
  return out;
}

export const policyExecute = executeOperation({
  op: 'policyExecute', family: 'Policy', commands: COMMANDS, attributes: policyAttributes,
  required: { field: 'policyId', id: POLICYFLD.POLICY_ID.id },
});
