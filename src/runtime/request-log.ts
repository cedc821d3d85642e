// One record per request (docs/operations/monitoring.md): a door notes what its request was and how it
// ended (the engine's status, user and serial); the observer counts it and logs one `info` line through
// pino. Only fixed names, identifiers and numbers are ever put in a note: never a credential.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS, type StatusKey } from '../domain/status.js';
import type { Logger } from './logger.js';
import type { Door, Metrics } from './metrics.js';

/** What a door knows of its request; filled while it is handled, read once it is answered. */
export interface RequestNote {
  door: Door;
  operation: string;
  /** A status name (STAT_...) once the engine or an admin use case answered; otherwise the door's word. */
  status?: string;
  user?: string;
  domain?: string;
  serial?: string;
  /** debug only: the status the client was told when generic codes masked the real one, and the detail. */
  reported?: string;
  detail?: string;
}

/** The outcome fields a note takes from an engine AuthOutcome or an admin result. */
export interface NotedOutcome {
  readonly status: StatusKey;
  readonly reported?: StatusKey;
  readonly userId?: string;
  readonly domain?: string;
  readonly serialNo?: string;
  readonly detail?: string;
}

export function noteOutcome(note: RequestNote | undefined, o: NotedOutcome): void {
  if (!note) return;
  note.status = STATUS[o.status].name;
  if (o.userId) note.user = o.userId;
  if (o.domain) note.domain = o.domain;
  if (o.serialNo) note.serial = o.serialNo;
  if (o.reported && o.reported !== o.status) note.reported = STATUS[o.reported].name;
  if (o.detail) note.detail = o.detail;
}

export interface RequestObserver {
  /** Counts and logs one answered request; `startedAt` from performance.now(). */
  done(note: RequestNote, startedAt: number, source: string | undefined, extra?: { httpStatus?: number }): void;
}

/** Probes and scrapes are counted, but logged at debug only: a line every few seconds says nothing. */
const QUIET: ReadonlySet<string> = new Set(['health', 'ready', 'metrics']);

export function createRequestObserver(log: Logger, metrics: Metrics): RequestObserver {
  return {
    done(note, startedAt, source, extra) {
      const ms = performance.now() - startedAt;
      const status = note.status ?? (extra?.httpStatus !== undefined ? `HTTP_${extra.httpStatus}` : 'UNKNOWN');
      metrics.request(note.door, note.operation, status, ms / 1000);
      const level = QUIET.has(note.operation) && note.door === 'http' ? 'debug' : 'info';
      if (!log.isLevelEnabled(level)) return;
      const line: Record<string, unknown> = {
        door: note.door, operation: note.operation, user: note.user, domain: note.domain, serial: note.serial,
        status, durationMs: Math.round(ms * 1000) / 1000, source,
      };
      if (log.isLevelEnabled('debug')) Object.assign(line, { reported: note.reported, detail: note.detail, httpStatus: extra?.httpStatus });
      log[level](line, 'request');
    },
  };
}

const NOTE = Symbol('countersign.requestNote');
type Noted = IncomingMessage & { [NOTE]?: RequestNote };

/** The note of an HTTP request (set by observeHttp); undefined outside it (tests calling a door directly). */
export const noteOf = (req: IncomingMessage): RequestNote | undefined => (req as Noted)[NOTE];

export const sourceAddress = (req: IncomingMessage): string | undefined => req.socket.remoteAddress?.replace(/^::ffff:(?=\d+\.)/, '');

/**
 * Wraps the HTTP listener: every request gets a note (door `http` until a door claims it) and is
 * counted and logged once its answer is sent, or when the client went away first (`ABORTED`).
 */
export function observeHttp(observer: RequestObserver, inner: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const startedAt = performance.now();
    const note: RequestNote = { door: 'http', operation: httpOperation(req) };
    (req as Noted)[NOTE] = note;
    res.once('close', () => {
      if (!res.writableFinished) note.status ??= 'ABORTED';
      observer.done(note, startedAt, sourceAddress(req), { httpStatus: res.statusCode });
    });
    inner(req, res);
  };
}

/** A fixed name for what the server's own endpoints serve; doors replace it with theirs. */
function httpOperation(req: IncomingMessage): string {
  const url = req.url ?? '/';
  if (url.includes('?wsdl') || url.startsWith('/wsdl/')) return 'wsdl';
  if (url === '/health' || url === '/ready' || url === '/metrics') return url.slice(1);
  return req.method === 'POST' ? 'post' : 'other';
}
