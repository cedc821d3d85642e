// The actions of `countersign policy create|list|show|update|delete` (definitions in policy.ts, loaded
// only when one runs): the settings given as flags become changes for src/admin/policy.ts; `default`
// returns one to its default.
import { createPolicy, deletePolicy, listPolicies, updatePolicy, viewPolicy, type PolicyChanges, type PolicyView } from '../../admin/policy.js';
import { report, withApp, type OutputOptions } from './admin-run.js';
import { flagOf, optionKey, POLICY_SETTINGS } from './policy.js';

function parse(text: string, dflt: unknown, flag: string): unknown {
  if (text === 'default') return null;
  if (typeof dflt === 'number') {
    if (!/^\d+$/.test(text)) throw new Error(`${flag} must be a whole number >= 0 (or "default"), got "${text}"`);
    return Number(text);
  }
  if (typeof dflt === 'boolean') {
    const b = ({ true: true, yes: true, on: true, false: false, no: false, off: false } as Record<string, boolean>)[text.toLowerCase()];
    if (b === undefined) throw new Error(`${flag} must be true or false (or "default"), got "${text}"`);
    return b;
  }
  return text;
}

/** The settings given on the command line, as changes for src/admin/policy.ts. */
function changesOf(o: Record<string, string | undefined>): PolicyChanges {
  const changes: Record<string, unknown> = {};
  const autoUnlock: Record<string, unknown> = {};
  for (const [path, dflt] of POLICY_SETTINGS) {
    const text = o[optionKey(path)];
    if (text === undefined) continue;
    const value = parse(text, dflt, flagOf(path));
    if (path.startsWith('autoUnlock.')) autoUnlock[path.slice(11)] = value ?? dflt;
    else changes[path] = value;
  }
  if (Object.keys(autoUnlock).length) changes.autoUnlock = autoUnlock;
  return changes;
}

export const describePolicy = (p: PolicyView): string => [
  p.name,
  ...Object.entries(p.effective).filter(([k]) => k !== 'name').map(([k, v]) => {
    const own = k in p.settings ? '' : '  (default)';
    return `  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}${own}`;
  }),
].join('\n');

type Opts = OutputOptions & Record<string, string | undefined>;

export const policyActions = {
  create: (name: string, o: Opts) => withApp(async (app) => report(app, await createPolicy(app.admin, name, changesOf(o)), o, describePolicy)),
  list: (o: OutputOptions) => withApp(async (app) => {
    report(app, await listPolicies(app.admin), o, (ps) => ps.map((p) => `${p.name}  ${JSON.stringify(p.settings)}`).join('\n') || '(no policies)');
  }),
  show: (name: string, o: OutputOptions) => withApp(async (app) => report(app, await viewPolicy(app.admin, name), o, describePolicy)),
  update: (name: string, o: Opts) => withApp(async (app) => report(app, await updatePolicy(app.admin, name, changesOf(o)), o, describePolicy)),
  delete: (name: string, o: OutputOptions) => withApp(async (app) => report(app, await deletePolicy(app.admin, name), o, describePolicy)),
};
