// `countersign policy create|list|show|update|delete` (issue 17): policies on the configured store. One
// flag per policy setting, named after it (lockThreshold → --lock-threshold, autoUnlock.durationS →
// --auto-unlock-duration-s), generated from the defaults so a new setting gets its flag; `default` resets one.
import type { Command } from 'commander';
import { createPolicy, deletePolicy, listPolicies, updatePolicy, viewPolicy, type PolicyChanges, type PolicyView } from '../../admin/policy.js';
import { DEFAULT_POLICY } from '../../engine/policy/defaults.js';
import { report, withApp, type OutputOptions } from './admin-run.js';

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Every setting as [path, default]: top-level ones, then autoUnlock's as `autoUnlock.<key>`. */
export const POLICY_SETTINGS: readonly [string, unknown][] = [
  ...Object.entries(DEFAULT_POLICY).filter(([k]) => k !== 'name' && k !== 'autoUnlock'),
  ...Object.entries(DEFAULT_POLICY.autoUnlock).map(([k, v]) => [`autoUnlock.${k}`, v] as [string, unknown]),
];

export const flagOf = (path: string): string => `--${kebab(path.replace('.', '-'))}`;

/** Commander's option key of a setting's flag (`--auto-unlock-duration-s` → autoUnlockDurationS). */
const optionKey = (path: string): string => camel(flagOf(path).slice(2));

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

function withSettingFlags(cmd: Command): Command {
  for (const [path, dflt] of POLICY_SETTINGS) {
    const kind = typeof dflt === 'boolean' ? 'true|false' : typeof dflt === 'number' ? 'n' : 'text';
    cmd.option(`${flagOf(path)} <${kind}>`, `${path} (default ${JSON.stringify(dflt)})`);
  }
  return cmd;
}

export const describePolicy = (p: PolicyView): string => [
  p.name,
  ...Object.entries(p.effective).filter(([k]) => k !== 'name').map(([k, v]) => {
    const own = k in p.settings ? '' : '  (default)';
    return `  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}${own}`;
  }),
].join('\n');

type Opts = OutputOptions & Record<string, string | undefined>;

export function policyCommands(group: Command): Command {
  group.description('administer policies (lockout, auto-unlock, generic codes, local authentication, keywords, windows, target system): create, list, show, update, delete');
  withSettingFlags(group.command('create').description('create a policy; settings not given keep their defaults')
    .argument('<name>', 'policy name (case-sensitive)')).option('--json', 'print JSON')
    .action((name: string, o: Opts) => withApp(async (app) => report(app, await createPolicy(app.admin, name, changesOf(o)), o, describePolicy)));
  group.command('list').description('list policies and the settings each changes').option('--json', 'print JSON')
    .action((o: OutputOptions) => withApp(async (app) => {
      report(app, await listPolicies(app.admin), o, (ps) => ps.map((p) => `${p.name}  ${JSON.stringify(p.settings)}`).join('\n') || '(no policies)');
    }));
  group.command('show').description('show a policy: every effective setting, "(default)" where it is not set')
    .argument('<name>', 'policy name').option('--json', 'print JSON')
    .action((name: string, o: OutputOptions) => withApp(async (app) => report(app, await viewPolicy(app.admin, name), o, describePolicy)));
  withSettingFlags(group.command('update').description('change the settings given ("default" returns one to its default); the rest stay')
    .argument('<name>', 'policy name')).option('--json', 'print JSON')
    .action((name: string, o: Opts) => withApp(async (app) => report(app, await updatePolicy(app.admin, name, changesOf(o)), o, describePolicy)));
  group.command('delete').description('delete a policy that no client component uses')
    .argument('<name>', 'policy name').option('--json', 'print JSON')
    .action((name: string, o: OutputOptions) => withApp(async (app) => report(app, await deletePolicy(app.admin, name), o, describePolicy)));
  return group;
}
