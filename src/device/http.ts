// The device simulator over HTTP (spec: flows.md §6 [OURS]; docs/soap-api.md "Push"): JSON on the SOAP port,
// mounted only when COUNTERSIGN_DEVICE_SIMULATOR is on (it signs with device secrets: never in
// production). GET /device/<serial>/pending; POST /device/<serial>/approve|reject[?key=<challenge key>].
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StatusCatalogue } from '../domain/status.js';
import { noteOf, noteOutcome } from '../runtime/request-log.js';
import type { DeviceAnswer, DeviceSimulator } from './simulator.js';
import { decodeComponent, parseRequestTarget } from '../runtime/request-target.js';

const ROUTE = /^\/device\/([^/?]+)\/(pending|approve|reject)$/;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const answerJson = (a: DeviceAnswer, catalogue: StatusCatalogue) => ({
  challengeKey: a.challengeKey ?? null, status: catalogue[a.outcome.reported].name,
  statusCode: catalogue[a.outcome.reported].code, serialNo: a.outcome.serialNo ?? null,
});

/** True when the request was a simulator route (and was answered). */
export function handleDeviceRoute(sim: DeviceSimulator, catalogue: StatusCatalogue, req: IncomingMessage, res: ServerResponse): boolean {
  const url = parseRequestTarget(req.url);
  const m = url && ROUTE.exec(url.pathname);
  if (!url || !m) return false;
  const serial = decodeComponent(m[1]!);
  if (serial === undefined) {
    sendJson(res, 400, { error: 'the serial number is not valid percent-encoding' });
    return true;
  }
  const action = m[2] as 'pending' | 'approve' | 'reject';
  const key = url.searchParams.get('key') ?? undefined;
  const note = noteOf(req);
  if (note) Object.assign(note, { door: 'device', operation: action, serial });
  const wanted = action === 'pending' ? 'GET' : 'POST';
  if (req.method !== wanted) {
    sendJson(res, 405, { error: `use ${wanted}` });
    return true;
  }
  const work = action === 'pending'
    ? sim.list(serial).then((list) => sendJson(res, 200, { serialNo: serial, pending: list }))
    : sim[action](serial, key).then((a) => {
      noteOutcome(note, a.outcome);
      sendJson(res, a.outcome.status === 'SUCCESS' ? 200 : 409, answerJson(a, catalogue));
    });
  work.catch(() => { if (!res.headersSent) sendJson(res, 500, { error: 'device simulator failed' }); });
  return true;
}
