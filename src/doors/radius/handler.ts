// The RADIUS door's pipeline without sockets (spec: other-frontends.md §1): frame → client table →
// retransmission cache → Message-Authenticator → Access-Request or Status-Server → engine → signed
// answer. Returns the bytes to send, or undefined to stay silent. Never throws.
import type { StatusCatalogue } from '../../domain/status.js';
import type { AuthEngine } from '../../engine/engine.js';
import type { Clock, PendingStore, Randomness } from '../../engine/ports.js';
import { createActiveLimit, DEFAULT_MAX_ACTIVE, type ActiveLimit } from '../../runtime/active-limit.js';
import type { RequestNote, RequestObserver } from '../../runtime/request-log.js';
import { answerAccessRequest, type AccessDeps } from './authenticate.js';
import type { RadiusClient } from './clients.js';
import type { ClientLookup } from './live-clients.js';
import { messageAuthenticatorValid, signAnswer } from './crypto.js';
import { ATTR, CODE } from './dictionary.js';
import { fitAnswer } from './fit.js';
import {
  DEFAULT_MAX_IN_FLIGHT, DEFAULT_REPLY_CACHE_ENTRIES, DEFAULT_REPLY_CACHE_MS, DEFAULT_STATE_LIFETIME_S,
  STATUS_SERVER_MESSAGE, UNKNOWN_CLIENT_LOG_INTERVAL_MS,
} from './decisions.js';
import { newMetrics, type DropReason, type RadiusMetrics } from './metrics.js';
import { attributesOf, countOf, decodePacket, firstOf, textChunks, type OutAttribute, type Packet } from './packet.js';
import { ReplyCache, type Answer } from './reply-cache.js';
import { DoorStates } from './state.js';

export interface RadiusLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RadiusDoorOptions {
  readonly engine: AuthEngine;
  readonly catalogue: StatusCatalogue;
  readonly clients: ClientLookup;
  readonly pending: PendingStore;
  readonly clock: Clock;
  readonly random: Randomness;
  readonly log?: RadiusLog;
  readonly replyCacheMs?: number;
  readonly replyCacheEntries?: number;
  readonly maxInFlight?: number;
  readonly stateLifetimeS?: number;
  /** Counts and logs each answered request (src/runtime/request-log.ts); absent = neither. */
  readonly observer?: RequestObserver;
  /** Monotonic milliseconds for the reply cache and log throttling (default performance.now). */
  readonly monotonic?: () => number;
  /** Requests worked on at once, shared with the other doors (default: DEFAULT_MAX_ACTIVE of this door alone). */
  readonly active?: ActiveLimit;
}

export interface Source { readonly address: string; readonly port: number }

export interface RadiusHandler {
  handle(message: Buffer, from: Source): Promise<Answer>;
  readonly metrics: RadiusMetrics;
  readonly cache: ReplyCache;
}

const silent: RadiusLog = { warn: () => undefined, error: () => undefined };

export function createRadiusHandler(opts: RadiusDoorOptions): RadiusHandler {
  return new RadiusDoor(opts);
}

class RadiusDoor implements RadiusHandler {
  readonly metrics = newMetrics();
  readonly cache: ReplyCache;
  private readonly log: RadiusLog;
  private readonly monotonic: () => number;
  private readonly deps: AccessDeps;
  private readonly maxInFlight: number;
  private readonly warnedAt = new Map<string, number>();
  private inFlight = 0;

  constructor(private readonly opts: RadiusDoorOptions) {
    this.log = opts.log ?? silent;
    this.monotonic = opts.monotonic ?? (() => performance.now());
    this.cache = new ReplyCache(opts.replyCacheMs ?? DEFAULT_REPLY_CACHE_MS, opts.replyCacheEntries ?? DEFAULT_REPLY_CACHE_ENTRIES, this.monotonic);
    const states = new DoorStates(opts.pending, opts.clock, opts.random, (opts.stateLifetimeS ?? DEFAULT_STATE_LIFETIME_S) * 1000);
    this.deps = { engine: opts.engine, catalogue: opts.catalogue, states, metrics: this.metrics };
    this.maxInFlight = opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    this.active = opts.active ?? createActiveLimit(DEFAULT_MAX_ACTIVE);
  }

  private readonly active: ActiveLimit;

  handle(message: Buffer, from: Source): Promise<Answer> {
    this.metrics.received++;
    const decoded = decodePacket(message);
    if (!decoded.ok) return this.drop(decoded.reason, from);
    const client = this.opts.clients.find(from.address);
    if (!client) return this.drop('unknown-client', from);
    const p = decoded.packet;
    if (p.code !== CODE.ACCESS_REQUEST && p.code !== CODE.STATUS_SERVER) return this.drop('unknown-code', from);
    const key = ReplyCache.key(from.address, from.port, p.identifier, p.authenticator);
    const cached = p.code === CODE.ACCESS_REQUEST ? this.cache.get(key) : undefined;
    if (cached) { this.metrics.retransmissions++; return cached; }
    const refused = messageAuthenticatorProblem(p, client);
    if (refused) return this.drop(refused, from);
    if (this.inFlight >= this.maxInFlight) return this.drop('overload', from);
    const answer = this.answer(p, client, from, key);
    if (p.code === CODE.ACCESS_REQUEST) this.cache.put(key, answer);
    return answer;
  }

  private async answer(p: Packet, client: RadiusClient, from: Source, key: string): Promise<Answer> {
    this.inFlight++;
    const observer = this.opts.observer;
    // The time waiting for an active place counts in the request's duration, as on the SOAP door.
    const startedAt = observer ? performance.now() : 0;
    const entered = this.active.enter();
    const leave = typeof entered === 'function' ? entered : await entered;
    const note: RequestNote | undefined = observer && { door: 'radius', operation: p.code === CODE.STATUS_SERVER ? 'Status-Server' : 'Access-Request' };
    try {
      const reply = p.code === CODE.STATUS_SERVER ? statusServer(this.metrics) : await answerAccessRequest(this.deps, p, client, from.address, note, leave);
      const proxyStates = firstOf(p, ATTR.PROXY_STATE) ? attributesOf(p, ATTR.PROXY_STATE).map((a) => ({ type: a.type, value: a.value })) : NONE;
      const fitted = fitAnswer(reply.code, reply.attributes, proxyStates);
      const signed = signAnswer(fitted.code, p, fitted.attributes, client.secret);
      if (note) { note.status ??= STATUS_SERVER_STATUS; observer!.done(note, startedAt, from.address); }
      return signed;
    } catch (e) {
      if (note) { note.status = 'INTERNAL_ERROR'; observer!.done(note, startedAt, from.address); }
      this.cache.forget(key);
      this.log.error({ error: { name: (e as Error)?.name, message: (e as Error)?.message }, sourceAddress: from.address }, 'RADIUS request failed');
      return this.drop('internal-error', from);
    } finally { this.inFlight--; leave(); }
  }

  /** Counts the drop; an unknown client is also logged, at most once a minute per address. */
  private drop(reason: DropReason, from: Source): Promise<undefined> {
    this.metrics.dropped[reason]++;
    if (reason === 'unknown-client') {
      const now = this.monotonic();
      if ((this.warnedAt.get(from.address) ?? -Infinity) + UNKNOWN_CLIENT_LOG_INTERVAL_MS <= now) {
        if (this.warnedAt.size > 10_000) this.warnedAt.clear();
        this.warnedAt.set(from.address, now);
        this.log.warn({ sourceAddress: from.address, sourcePort: from.port }, 'RADIUS packet from an unknown client dropped');
      }
    }
    return Promise.resolve(undefined);
  }
}

/** The request log's status of a Status-Server answer (no engine outcome names one). */
const STATUS_SERVER_STATUS = 'Access-Accept';

/** RFC 3579 §3.2, RFC 5997 §3: required on Status-Server and (by default) on Access-Request; one at most. */
function messageAuthenticatorProblem(p: Packet, client: RadiusClient): DropReason | undefined {
  const count = countOf(p, ATTR.MESSAGE_AUTHENTICATOR);
  if (count > 1) return 'bad-message-authenticator';
  if (count === 0) return p.code === CODE.STATUS_SERVER || client.requireMessageAuthenticator ? 'missing-message-authenticator' : undefined;
  return messageAuthenticatorValid(p, firstOf(p, ATTR.MESSAGE_AUTHENTICATOR)!, client.secret) ? undefined : 'bad-message-authenticator';
}

/** A request without Proxy-State (most): nothing to copy into the answer. */
const NONE: readonly OutAttribute[] = Object.freeze([]);

function statusServer(metrics: RadiusMetrics) {
  metrics.statusServer++;
  return { code: CODE.ACCESS_ACCEPT, attributes: textChunks(STATUS_SERVER_MESSAGE).map((value) => ({ type: ATTR.REPLY_MESSAGE, value })) };
}
