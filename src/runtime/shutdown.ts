// Stop and drain of one serving process (issue 17): on SIGTERM or SIGINT stop accepting, release held
// push calls (they answer with the timeout status), let in-flight SOAP/REST/RADIUS requests finish
// within COUNTERSIGN_SHUTDOWN_TIMEOUT_MS, then close the store (queued audit and counter writes are
// committed first), log one line and exit 0. A second signal cuts what is still running at once.
// An OTP is thus never consumed without its answer and its audit row, unless the timeout cuts it.
import type { Server, ServerResponse } from 'node:http';

/** The in-flight HTTP requests of a server, so that a drain can tell them to close their connection. */
export class RequestTracker {
  private readonly open = new Set<ServerResponse>();
  private closing = false;

  constructor(server: Server) {
    server.on('request', (_req, res: ServerResponse) => {
      if (this.closing) res.setHeader('Connection', 'close');
      this.open.add(res);
      res.once('close', () => this.open.delete(res));
    });
  }

  get inFlight(): number { return this.open.size; }

  /** From now on every answer ends its connection (no keep-alive reuse while draining). */
  markClosing(): void {
    this.closing = true;
    for (const res of this.open) if (!res.headersSent) res.setHeader('Connection', 'close');
  }
}

export interface Drainable {
  readonly server: Server;
  readonly tracker: RequestTracker;
  /** Held push calls of this process: closing them answers each with the timeout status. */
  readonly push: { close(): void };
  /** The RADIUS door, whose close waits for its in-flight requests. */
  readonly radius?: { close(): Promise<void> };
}

export interface DrainResult {
  /** HTTP requests still running when the timeout cut their connections (0 when all finished). */
  readonly cut: number;
  readonly ms: number;
}

/** How often idle keep-alive connections are closed while draining (a finished request leaves one). */
const IDLE_SWEEP_MS = 20;

/**
 * Stops accepting and waits for in-flight work, at most `timeoutMs` (or until `force` resolves);
 * past it, cuts the connections still open. Does not close the store: the caller does that next.
 */
export async function drain(d: Drainable, timeoutMs: number, force?: Promise<void>): Promise<DrainResult> {
  const started = Date.now();
  d.tracker.markClosing();
  const httpClosed = new Promise<void>((ok) => d.server.close(() => ok()));
  const sweep = setInterval(() => d.server.closeIdleConnections(), IDLE_SWEEP_MS);
  d.server.closeIdleConnections();
  d.push.close();
  const finished = Promise.allSettled([httpClosed, d.radius?.close()]).then(() => false);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((ok) => { timer = setTimeout(() => ok(true), timeoutMs); void force?.then(() => ok(true)); });
  const timedOut = await Promise.race([finished, late]);
  clearTimeout(timer);
  clearInterval(sweep);
  const cut = timedOut ? d.tracker.inFlight : 0;
  if (timedOut) d.server.closeAllConnections();
  return { cut, ms: Date.now() - started };
}

export interface StopHandlers {
  /** Runs once, on the first SIGTERM or SIGINT; `force` resolves on a second one. */
  stop(signal: NodeJS.Signals, force: Promise<void>): Promise<void>;
}

/** Installs the SIGTERM/SIGINT handlers of a serving process. */
export function onStopSignals(h: StopHandlers): void {
  let forced: (() => void) | undefined;
  const force = new Promise<void>((ok) => { forced = ok; });
  let stopping = false;
  const on = (signal: NodeJS.Signals) => {
    if (stopping) return forced?.();
    stopping = true;
    void h.stop(signal, force);
  };
  process.on('SIGTERM', on);
  process.on('SIGINT', on);
}
