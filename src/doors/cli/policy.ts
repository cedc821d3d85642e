// `countersign policy create|list|show|update|delete` (issue 17): policies on the configured store. One
// flag per policy setting, named after it (lockThreshold → --lock-threshold, autoUnlock.durationS →
// --auto-unlock-duration-s), generated from the defaults so a new setting gets its flag; `default` resets
// one. The definitions; the actions (policy-run.ts) load only when one runs.
import type { Command } from 'commander';
import { DEFAULT_POLICY } from '../../engine/policy/defaults.js';
import { lazyGroup } from './lazy.js';

const run = lazyGroup(() => import('./policy-run.js'), (m) => m.policyActions);

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Every setting as [path, default]: top-level ones, then autoUnlock's as `autoUnlock.<key>`. */
export const POLICY_SETTINGS: readonly [string, unknown][] = [
  ...Object.entries(DEFAULT_POLICY).filter(([k]) => k !== 'name' && k !== 'autoUnlock'),
  ...Object.entries(DEFAULT_POLICY.autoUnlock).map(([k, v]) => [`autoUnlock.${k}`, v] as [string, unknown]),
];

export const flagOf = (path: string): string => `--${kebab(path.replace('.', '-'))}`;

/** Commander's option key of a setting's flag (`--auto-unlock-duration-s` → autoUnlockDurationS). */
export const optionKey = (path: string): string => camel(flagOf(path).slice(2));

function withSettingFlags(cmd: Command): Command {
  for (const [path, dflt] of POLICY_SETTINGS) {
    const kind = typeof dflt === 'boolean' ? 'true|false' : typeof dflt === 'number' ? 'n' : 'text';
    cmd.option(`${flagOf(path)} <${kind}>`, `${path} (default ${JSON.stringify(dflt)})`);
  }
  return cmd;
}

export function policyCommands(group: Command): Command {
  group.description('administer policies (lockout, auto-unlock, generic codes, local authentication, keywords, windows, target system): create, list, show, update, delete');
  withSettingFlags(group.command('create').description('create a policy; settings not given keep their defaults')
    .argument('<name>', 'policy name (case-sensitive)')).option('--json', 'print JSON')
    .action(run('create'));
  group.command('list').description('list policies and the settings each changes').option('--json', 'print JSON')
    .action(run('list'));
  group.command('show').description('show a policy: every effective setting, "(default)" where it is not set')
    .argument('<name>', 'policy name').option('--json', 'print JSON')
    .action(run('show'));
  withSettingFlags(group.command('update').description('change the settings given ("default" returns one to its default); the rest stay')
    .argument('<name>', 'policy name')).option('--json', 'print JSON')
    .action(run('update'));
  group.command('delete').description('delete a policy that no client component uses')
    .argument('<name>', 'policy name').option('--json', 'print JSON')
    .action(run('delete'));
  return group;
}
