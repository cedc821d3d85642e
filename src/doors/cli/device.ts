// `countersign device list|approve|reject <serial> [--key K]`: the push device simulator (flows.md §6)
// on the configured store. It acts as the device would (fetch, sign with the device secret, authUser /
// cancelAuthUser); a server holding the call on another process sees the answer through its store poll.
import { loadConfig } from '../../config/load.js';
import { createApp, DEVICE_COMPONENT_TYPE } from '../../main.js';
import { createDeviceSimulator, type PendingPush } from '../../device/simulator.js';
import type { App } from '../../main.js';

export interface DeviceOptions { key?: string; json?: boolean }

export async function deviceCommand(action: string, serial: string | undefined, opts: DeviceOptions): Promise<void> {
  if (!['list', 'approve', 'reject'].includes(action)) throw new Error(`device: unknown action "${action}" (list, approve or reject)`);
  if (serial === undefined && action !== 'list') throw new Error(`device ${action}: give the serial number of the push device (\`countersign device list\` shows every pending one)`);
  // A command line run serves no /metrics: metrics off, as for the administration commands (admin-run.ts).
  const config = loadConfig(process.env, { demo: false, logLevel: 'silent', metrics: false });
  const app = await createApp(config);
  try {
    if (serial === undefined) return await listEveryDevice(app, opts);
    const a = await app.store.findBySerial(serial);
    if (!a || a.kind !== 'push') throw new Error(`no push device ${serial} in ${config.database}`);
    const sim = createDeviceSimulator({ engine: app.engine, store: app.store, clock: app.clock, componentType: DEVICE_COMPONENT_TYPE });
    if (action === 'list') {
      const list = await sim.list(serial);
      if (opts.json) return console.log(JSON.stringify(list));
      if (list.length === 0) return console.log(`${serial}: no pending push transaction`);
      for (const t of list) console.log(`${t.challengeKey}  ${t.state}  expires ${t.expiresAt}  ${t.message}`);
      return;
    }
    const done = await sim[action as 'approve' | 'reject'](serial, opts.key);
    const row = app.catalogue[done.outcome.reported];
    if (opts.json) console.log(JSON.stringify({ challengeKey: done.challengeKey ?? null, status: row.name, statusCode: row.code }));
    else console.log(`${action} ${done.challengeKey ?? '(none pending)'}: ${row.name} (${row.code})`);
    if (done.outcome.status !== 'SUCCESS') process.exitCode = 1;
  } finally {
    await app.close();
  }
}

/** Every push device's pending transactions (QA does not always know the serial), one page of devices at a time. */
async function listEveryDevice(app: App, opts: DeviceOptions): Promise<void> {
  const sim = createDeviceSimulator({ engine: app.engine, store: app.store, clock: app.clock, componentType: DEVICE_COMPONENT_TYPE });
  const found: (PendingPush & { serialNo: string })[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await app.store.listAuthenticators(offset, PAGE);
    for (const a of page.filter((x) => x.kind === 'push' && x.userRef !== null)) {
      for (const t of await sim.list(a.serial)) found.push({ serialNo: a.serial, ...t });
    }
    if (page.length < PAGE) break;
  }
  if (opts.json) return console.log(JSON.stringify(found));
  if (found.length === 0) return console.log('no pending push transaction on any device');
  for (const t of found) console.log(`${t.serialNo}  ${t.challengeKey}  ${t.state}  expires ${t.expiresAt}  ${t.message}`);
}

const PAGE = 500;
