// Composition root, message delivery part (docs/virtual-otp.md): the delivery component of virtual
// authenticators from the settings (refused at start with the setting named), its send counts in the
// metrics, and the start-up notes that say where OTPs go, loudly when that is the outbox file.
import type { Config } from './config/schema.js';
import { createDelivery, type DeliverySetup } from './delivery/index.js';
import type { Clock } from './engine/ports.js';
import type { Metrics } from './runtime/metrics.js';
import { dataFolderOf } from './store/masterkey.js';
import type { Store } from './store/store.js';

/** A serial of the demo seed: its presence means the demo data is in the store. */
const DEMO_SERIAL = 'VDS0000001';

export async function deliveryOf(config: Config, store: Store, masterKey: Buffer, demoLoaded: boolean, metrics: Metrics, clock: Clock, notes: string[]): Promise<DeliverySetup> {
  const demoPresent = demoLoaded || (config.demo && config.outboxFile === 'auto' && (await store.findBySerial(DEMO_SERIAL)) !== null);
  const setup = createDelivery(config, {
    masterKey, dataFolder: dataFolderOf(config.database), demoPresent, now: () => clock.now(),
    sent: (channel, result) => metrics.virtualOtp(channel, result),
  });
  if (setup.outbox !== null) {
    notes.push(`WARNING: one-time passwords of virtual authenticators without an SMTP server or SMS gateway go to the outbox file ${setup.outbox} in clear (\`countersign outbox\` shows them); for QA and the demo only: set COUNTERSIGN_OUTBOX_FILE=off in production`);
  }
  return setup;
}
