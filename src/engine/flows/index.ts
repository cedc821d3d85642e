// The ordered flow registry (spec: flows.md §2, §5, §7): the first flow whose `matches` is true runs.
// An MS-CHAPv2 exchange (other-frontends.md §4) first; virtual authenticators (their answers and
// requests; anything else passes on); push answers (a key of a user with a push device;
// other keys pass on to challenge-response), challenge answers (a key or a client challenge), push
// requests, 2-step requests, PIN changes, static passwords, and response-only last, which matches all.
import type { Flow } from './flow.js';
import { challengeResponse } from './challenge-response.js';
import { challengeRequest } from './challenge-request.js';
import { pinChange } from './pin-change.js';
import { staticPassword } from './static-password.js';
import { responseOnly } from './response-only.js';
import { mschapv2 } from './mschapv2.js';
import { pushAnswer } from './push-answer.js';
import { pushRequest } from './push-request.js';
import { virtual } from './virtual.js';
import type { ResolvedContext, Verdict } from '../context.js';

export const FLOWS: readonly Flow[] = Object.freeze([mschapv2, virtual, pushAnswer, challengeResponse, pushRequest, challengeRequest, pinChange, staticPassword, responseOnly]);

/** The first matching flow's verdict; a flow that answers undefined passes the request to the next match. */
export async function runFlows(ctx: ResolvedContext): Promise<Verdict> {
  for (const f of FLOWS) {
    if (!f.matches(ctx)) continue;
    const v = await f.run(ctx);
    if (v) return v;
  }
  return (await responseOnly.run(ctx))!;
}
