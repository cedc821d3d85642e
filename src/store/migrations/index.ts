// The ordered list of store migrations (spec: design.md "store"); openStore runs them at start.
import { InitialSchema1750000000000 } from './1750000000000-initial-schema.js';

export const MIGRATIONS = [InitialSchema1750000000000];
