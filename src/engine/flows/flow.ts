// The shape every flow shares (spec: flows.md §2, §5–§7): a name, when it applies, and what it decides.
// Flows are tried in the registry's order; the first whose `matches` is true runs. A flow that finds,
// once it looked at the store, that the request is not its own after all answers undefined: the next
// matching flow runs (the virtual flow does, for a key that is not one of its OTPs).
import type { ResolvedContext, Verdict } from '../context.js';

export interface Flow {
  readonly name: string;
  matches(ctx: ResolvedContext): boolean;
  run(ctx: ResolvedContext): Promise<Verdict | undefined>;
}
