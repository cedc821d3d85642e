// Which administration command is about to run, noted by commander's preAction hook before the
// command's implementation loads (src/doors/cli/lazy.ts); admin-run.ts audits it when it changes the store.
import type { Command } from 'commander';

/** Subcommands that only read: not audited. */
const READS = new Set(['show', 'list']);
/** Command groups whose other subcommands change the store (issue 17: audited like logons). */
const CHANGES = new Set(['user', 'authenticator', 'policy', 'client', 'apikey', 'import', 'enrol']);

/** Groups whose first argument is a user ID (the object is then `domain\\userId`). */
const USER_GROUPS = new Set(['user', 'enrol']);
/** Options that name further objects of a change (never a secret: those come from stdin). */
const NAMED_OPTIONS = ['user', 'policy', 'address', 'removeAddress'];

/** A change about to run: the command (`user create`) and the objects it names. */
export interface NotedChange { readonly command: string; readonly object: string }

let running: NotedChange | undefined;

/** Commander's preAction hook: remembers the command about to run, when it is a change (for its audit entry). */
export function noteCommand(action: Command): void {
  const group = action.parent?.parent ? action.parent.name() : action.name();
  const name = action.parent?.parent ? action.name() : '';
  if (!CHANGES.has(group) || READS.has(name)) return;
  const opts = action.opts() as Record<string, unknown>;
  const args = action.args.map(String);
  const user = USER_GROUPS.has(group);
  const first = user && args[0] ? [`${(opts.domain as string | undefined) ?? 'master'}\\${args[0]}`, ...args.slice(1)] : args;
  const named = [...NAMED_OPTIONS, ...(user ? [] : ['domain'])].filter((k) => typeof opts[k] === 'string').map((k) => `${k}=${opts[k] as string}`);
  running = { command: `${group} ${name}`.trim(), object: [...first, ...named].join(' ') };
}

/** The noted change, once: the next call returns undefined until another change is noted. */
export function takeNotedChange(): NotedChange | undefined {
  const noted = running;
  running = undefined;
  return noted;
}
