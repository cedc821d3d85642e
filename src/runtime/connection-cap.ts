// Connection caps of the HTTP listener (issue 16, descriptor exhaustion): at most `max` open
// connections in this process and at most `perSource` from one remote address; a connection past a
// cap is closed at once (as Node's own maxConnections does), counted and logged (throttled).
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { throttled, type GuardKind, type GuardLog } from './guard.js';

export interface ConnectionCaps {
  /** Open connections of this process; 0 = no cap. */
  readonly max: number;
  /** Open connections from one remote address; 0 = no cap. */
  readonly perSource: number;
}

export interface CapState {
  /** Connections open now (accepted and not yet closed). */
  open(): number;
  /** Distinct remote addresses with an open connection. */
  sources(): number;
}

export function capConnections(server: Server, caps: ConnectionCaps, log: GuardLog, report: (kind: GuardKind<'http'>) => void): CapState {
  let open = 0;
  const bySource = new Map<string, number>();
  const warnGlobal = throttled(60_000, (count) => log.warn({ count, max: caps.max }, 'HTTP connection cap reached (COUNTERSIGN_HTTP_MAX_CONNECTIONS): new connections closed (count since the last warning)'));
  const warnSource = throttled(60_000, (count) => log.warn({ count, max: caps.perSource }, 'HTTP per-source connection cap reached (COUNTERSIGN_HTTP_MAX_CONNECTIONS_PER_SOURCE): new connections closed (count since the last warning)'));
  server.on('connection', (socket: Socket) => {
    const source = socket.remoteAddress ?? '';
    const held = bySource.get(source) ?? 0;
    if (caps.max > 0 && open >= caps.max) {
      report('connection-refused');
      warnGlobal();
      return void socket.destroy();
    }
    if (caps.perSource > 0 && held >= caps.perSource) {
      report('source-connection-refused');
      warnSource();
      return void socket.destroy();
    }
    open++;
    bySource.set(source, held + 1);
    socket.once('close', () => {
      open--;
      const left = (bySource.get(source) ?? 1) - 1;
      if (left === 0) bySource.delete(source);
      else bySource.set(source, left);
    });
  });
  return { open: () => open, sources: () => bySource.size };
}
