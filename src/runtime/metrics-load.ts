// Loads the metrics module only when metrics are on: prom-client costs ~120 ms of CPU to import, which
// every command line run would pay (measured here: 14% of loading the server). Off = counting nothing.
import type { Metrics } from './metrics.js';

export async function loadMetrics(on: boolean): Promise<Metrics> {
  if (!on) return disabledMetrics();
  const { createMetrics } = await import('./metrics.js');
  return createMetrics();
}

/** COUNTERSIGN_METRICS=off (and command line runs): every helper does nothing, and there is no registry. */
export function disabledMetrics(): Metrics {
  const nothing = (): void => undefined;
  return {
    registry: undefined, contentType: 'text/plain; charset=utf-8', request: nothing, lockout: nothing, storeError: nothing,
    soapRefused: nothing, httpRejected: nothing, rateLimited: nothing, virtualOtp: nothing, auditPurged: nothing, auditPurgeRun: nothing, addRadius: nothing, setPendingPush: nothing, text: async () => '',
  };
}
