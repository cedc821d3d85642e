// The ordered flow registry (spec: flows.md): the first flow whose `matches` is true runs.
// Later flows (challenge/response, push, PIN change) are added here, ahead of response-only.
import type { Flow } from './flow.js';
import { staticPassword } from './static-password.js';
import { responseOnly } from './response-only.js';

export const FLOWS: readonly Flow[] = Object.freeze([staticPassword, responseOnly]);

export function chooseFlow(ctx: Parameters<Flow['matches']>[0]): Flow {
  return FLOWS.find((f) => f.matches(ctx)) ?? responseOnly;
}
