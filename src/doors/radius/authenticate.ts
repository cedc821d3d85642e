// Access-Request → engine → reply (spec: other-frontends.md §1, flows.md §2, §5, §7): User-Name and
// PAP User-Password become a combined-format AuthRequest (door 'radius', the client's component
// type); a State is either the engine's challenge key or a State this door issued for new-PIN entry.
import type { AuthOutcome, AuthRequest } from '../../domain/request.js';
import type { StatusCatalogue } from '../../domain/status.js';
import type { AuthEngine, CallHooks, InvalidRequest } from '../../engine/engine.js';
import { noteOutcome, type RequestNote } from '../../runtime/request-log.js';
import { readAccessRequest, type Presented, type Refusal } from './access.js';
import type { RadiusClient } from './clients.js';
import { NEW_PIN_PROMPT, UNKNOWN_STATE } from './decisions.js';
import type { RadiusMetrics } from './metrics.js';
import type { Packet } from './packet.js';
import { challenge, replyFor, type Reply } from './reply.js';
import { isDoorState, type DoorStates, type StateOwner } from './state.js';

export const DOOR = 'radius';

export interface AccessDeps {
  readonly engine: AuthEngine;
  readonly catalogue: StatusCatalogue;
  readonly states: DoorStates;
  readonly metrics: RadiusMetrics;
}

function invalid(refusal: Refusal, client: RadiusClient, sourceAddress: string): InvalidRequest {
  return {
    invalid: refusal.status, detail: refusal.detail, door: DOOR, componentType: client.componentType,
    userId: refusal.userId, domain: refusal.domain, sourceAddress,
  };
}

const ownerOf = (p: Presented, client: RadiusClient): StateOwner =>
  ({ userId: p.userId, domain: p.domain ?? '', componentType: client.componentType });

async function decide(deps: AccessDeps, p: Presented, client: RadiusClient, sourceAddress: string, hooks: CallHooks): Promise<AuthOutcome> {
  const request: AuthRequest = {
    door: DOOR, componentType: client.componentType, userId: p.userId, domain: p.domain, passwordFormat: 'combined',
    password: p.password, sourceAddress,
  };
  if (p.state === undefined) return deps.engine.authUser(request, hooks);
  if (!isDoorState(p.state)) return deps.engine.authUser({ ...request, challengeKey: p.state }, hooks);
  const redeemed = await deps.states.redeem(p.state, ownerOf(p, client));
  if (!redeemed.ok) {
    deps.metrics.malformedRequests++;
    return deps.engine.authUser(invalid({ status: UNKNOWN_STATE, detail: redeemed.why, userId: p.userId, domain: p.domain }, client, sourceAddress));
  }
  return deps.engine.authUser(request, hooks);
}

/** Decides an Access-Request whose Message-Authenticator (if any) was verified; counts the answer, notes the outcome. */
export async function answerAccessRequest(deps: AccessDeps, packet: Packet, client: RadiusClient, sourceAddress: string,
  note?: RequestNote, held?: () => void): Promise<Reply> {
  const read = readAccessRequest(packet, client);
  let reply: Reply;
  if (!read.ok) {
    deps.metrics.malformedRequests++;
    const outcome = await deps.engine.authUser(invalid(read.refusal, client, sourceAddress));
    noteOutcome(note, outcome);
    reply = replyFor(outcome, deps.catalogue);
  } else {
    const outcome = await decide(deps, read.presented, client, sourceAddress, { held });
    noteOutcome(note, outcome);
    reply = outcome.status === 'NEW_PIN_REQUIRED'
      ? challenge(await deps.states.issue(ownerOf(read.presented, client), 'new-pin'), NEW_PIN_PROMPT)
      : replyFor(outcome, deps.catalogue);
  }
  if (reply.kind === 'accept') deps.metrics.accepts++;
  else if (reply.kind === 'challenge') deps.metrics.challenges++;
  else deps.metrics.rejects++;
  return reply;
}
