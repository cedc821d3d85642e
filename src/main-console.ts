// Composition root, console part (issue 21; docs/console.md): the push device simulator (flows.md §6),
// and the web console and its JSON API in front of the other doors on the HTTP port, when COUNTERSIGN_CONSOLE is on, with the QA helpers only while
// the demo data is in the store (or COUNTERSIGN_CONSOLE_QA=on) and push answers only with the simulator.
import type { RequestListener } from 'node:http';
import { resolve } from 'node:path';
import type { Policy } from './domain/model.js';
import { createDeviceSimulator, type DeviceSimulator } from './device/simulator.js';
import { handleDeviceRoute } from './device/http.js';
import type { SoapHandler } from './doors/soap/server.js';
import { buildRequest } from './doors/soap/codec/request.js';
import { DEFAULT_POLICY } from './engine/policy/defaults.js';
import { createConsoleHandler, type QaHelpers } from './doors/console/index.js';
import { DEVICE_COMPONENT_TYPE, type App } from './main.js';
import { PRODUCT } from './runtime/product.js';
import { PROJECT_ROOT } from './runtime/project-root.js';
import { readSeedFile } from './store/seed.js';

/** How often a live audit stream sends a comment line (proxies close streams silent for a minute). */
const HEARTBEAT_MS = 15_000;

/** The serials of the demo seed's authenticators (empty when the seed cannot be read). */
function demoSerials(app: App): string[] {
  try {
    const seed = readSeedFile(resolve(PROJECT_ROOT, app.config.demoSeedFile)) as { authenticators?: { serial?: unknown }[] };
    return (seed.authenticators ?? []).map((a) => a.serial).filter((s): s is string => typeof s === 'string');
  } catch {
    return [];
  }
}

/** The QA helpers when allowed: `on`, or `auto` while a demo seed authenticator is in the store. */
async function qaHelpers(app: App, componentType: string): Promise<QaHelpers | undefined> {
  const mode = app.config.consoleQa;
  if (mode === 'off' || (mode === 'auto' && !app.config.demo)) return undefined;
  const serials = demoSerials(app);
  const present = serials.length > 0 && (await app.store.findBySerial(serials[0]!)) !== null;
  if (mode === 'auto' && !present) return undefined;
  const policy = async (): Promise<Policy> => (await app.store.findClient(componentType))?.policy ?? DEFAULT_POLICY;
  const authUserEnvelope = (fields: Readonly<Record<string, string>>) => buildRequest({ operation: 'authUser', container: 'credentialAttributeSet', administration: false },
    Object.entries(fields).filter(([, v]) => v !== '').map(([name, value]) => ({ name, value })));
  return { clockMode: app.clockMode, demoSerials: serials, policy, authUserEnvelope };
}

/** The console in front of `inner`, or `inner` alone when COUNTERSIGN_CONSOLE is off. */
export async function withConsole(app: App, inner: RequestListener, device: DeviceSimulator | undefined, componentType: string): Promise<RequestListener> {
  const { config } = app;
  if (!config.console) return inner;
  const handler = createConsoleHandler({
    admin: { ...app.admin, sessionLifetimeMs: config.consoleSessionTtlS * 1000 }, catalogue: app.catalogue, log: app.log, feed: app.feed, clock: app.clock,
    tls: Boolean(config.tlsKeyFile && config.tlsCertFile), maxBodyBytes: config.maxBodyBytes, maxUploadBytes: config.consoleMaxUploadBytes,
    device, qa: await qaHelpers(app, componentType), heartbeatMs: HEARTBEAT_MS, version: PRODUCT.version,
  });
  return (req, res) => { if (!handler(req, res)) inner(req, res); };
}

/** The push device simulator when configured (flows.md §6): its HTTP routes and the console's push answers. */
export function deviceSimulatorOf(app: App): DeviceSimulator | undefined {
  if (!app.config.deviceSimulator) return undefined;
  app.notes.push('WARNING: the push device simulator is on (/device/<serial>/...): it approves pushes with device secrets');
  return createDeviceSimulator({ engine: app.engine, store: app.store, clock: app.clock, componentType: DEVICE_COMPONENT_TYPE });
}

/** The SOAP handler, with the push device simulator's routes in front when configured. */
export function withDeviceSimulator(app: App, soap: SoapHandler, sim: DeviceSimulator | undefined): RequestListener {
  if (!sim) return soap;
  return (req, res) => { if (!handleDeviceRoute(sim, app.catalogue, req, res)) soap(req, res); };
}

