// Console API, audit (issue 21): the stored log searched newest first (readAudit, as `countersign
// audit`), and the live view as server-sent events from this process's audit feed: the kept recent
// records first (after Last-Event-ID on a reconnect), then each new one as it is stored. A stream that
// falls behind is ended (the page reconnects), a heartbeat keeps it open, and it ends with the session.
import { readAudit } from '../../admin/audit.js';
import { requireSession } from '../../admin/session.js';
import type { StatusCatalogue } from '../../domain/status.js';
import type { AuditEntry } from '../../engine/ports.js';
import type { FeedEvent } from '../../runtime/audit-feed.js';
import { ConsoleError, intParam, resultReply, SECURITY_HEADERS, textParam } from './http.js';
import { adminOf, type Call, type Route } from './route.js';

/** A stream whose unsent output passes this is too slow: it is ended rather than buffered further. */
export const MAX_STREAM_BACKLOG_BYTES = 256 * 1024;

export const entryJson = (catalogue: StatusCatalogue, e: AuditEntry, seq?: number) => ({
  ...(seq === undefined ? {} : { seq }), at: new Date(e.at).toISOString(), door: e.door, componentType: e.componentType, domain: e.domain,
  userId: e.userId, serialNo: e.serialNo, status: catalogue[e.status].name, statusCode: e.statusCode, sourceAddress: e.sourceAddress, detail: e.detail,
});

async function search(call: Call) {
  const u = call.url;
  const limit = intParam(u, 'limit', 100, 1, 1000);
  const found = await readAudit(call.deps.admin, { userId: textParam(u, 'user'), serial: textParam(u, 'serial'), door: textParam(u, 'door'),
    status: textParam(u, 'status'), since: textParam(u, 'since'), until: textParam(u, 'until'), limit, newestFirst: true });
  return resultReply(call.deps.catalogue, found, (es) => es.map((e) => entryJson(call.deps.catalogue, e)));
}

/** The live filter: user ID and serial ignoring case, door exactly, status with or without STAT_. */
function liveFilter(url: URL): (e: AuditEntry) => boolean {
  const low = (name: string) => textParam(url, name)?.toLowerCase();
  const [user, serial, door] = [low('user'), low('serial'), textParam(url, 'door')];
  const status = textParam(url, 'status')?.toUpperCase().replace(/^STAT_/, '');
  return (e) => (user === undefined || e.userId?.toLowerCase() === user) && (serial === undefined || e.serialNo?.toLowerCase() === serial)
    && (door === undefined || e.door === door) && (status === undefined || e.status === status);
}

const lastEventId = (call: Call): number | undefined => {
  const raw = call.req.headers['last-event-id'];
  const n = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
  return n;
};

async function live(call: Call): Promise<undefined> {
  const { deps, res } = call;
  const keep = liveFilter(call.url);
  const write = (text: string): boolean => { if (!res.writableEnded) res.write(text); return res.writableLength <= MAX_STREAM_BACKLOG_BYTES; };
  const send = (ev: FeedEvent): boolean => !keep(ev.entry) || write(`id: ${ev.seq}\nevent: audit\ndata: ${JSON.stringify(entryJson(deps.catalogue, ev.entry, ev.seq))}\n\n`);
  let stop = (): void => undefined;
  const end = (reason: string): void => { stop(); write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`); res.end(); };
  const unsubscribe = deps.feed.subscribe({ deliver: send, dropped: (why) => end(why) });
  if (!unsubscribe) throw new ConsoleError(503, 'ERROR', 'Too many live audit views are open on this node; close one and retry');
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'X-Accel-Buffering': 'no',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" });
  write(`retry: 2000\n: live audit of this node\n\n`);
  for (const ev of deps.feed.recent(lastEventId(call))) send(ev);
  const sessionId = adminOf(call).sessionId;
  const beat = setInterval(() => {
    void requireSession(deps.admin, sessionId).then((s) => (s.ok ? write(': heartbeat\n\n') : end('session')), () => end('error'));
  }, deps.heartbeatMs);
  stop = () => { clearInterval(beat); unsubscribe(); };
  res.once('close', stop);
  return undefined;
}

const FILTERS = { user: 'Only this user ID', serial: 'Only this serial number', door: 'Only this door (soap, radius, rest, device-simulator, cli, admin-soap, console)',
  status: 'Only this status, e.g. STAT_OTP_INCORRECT' };

export const AUDIT_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/audit', operationId: 'consoleAuditSearch', summary: 'Stored audit records, newest first', answer: 'ConsoleAuditList',
    query: { ...FILTERS, since: 'From this ISO-8601 instant', until: 'Before this ISO-8601 instant', limit: 'At most this many (1-1000, default 100)' }, handle: search },
  { method: 'GET', path: '/audit/live', operationId: 'consoleAuditLive', summary: 'Live audit records of this node as server-sent events (`event: audit`, JSON data)',
    query: FILTERS, stream: { contentType: 'text/event-stream', description: 'Events `audit` (data: a ConsoleAuditEntry with `seq`) and `end` (data: `{reason}`)' }, handle: live },
];
