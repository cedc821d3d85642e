// Commander action handlers that import their command's implementation only when that command runs:
// the command definitions (names, options, help) stay in light modules, so `--help`, `--version` and
// each command start without loading the store, argon2, SOAP or the other commands' dependencies.
/** A commander action: the command's arguments, then its options, then the command itself. */
export type Action = (...args: any[]) => unknown;

/** The handler `pick(module)` of the module `load()` imports on the first run. */
export function lazy<M>(load: () => Promise<M>, pick: (m: M) => Action): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => { await pick(await load())(...args); };
}

/** For a command group whose actions are one object of a module: `run('create')` is the lazy `create`. */
export function lazyGroup<M, A extends Record<string, Action>>(load: () => Promise<M>, pick: (m: M) => A): (name: keyof A & string) => (...args: unknown[]) => Promise<void> {
  return (name) => lazy(load, (m) => pick(m)[name]!);
}
