// Fills a fresh SQLite store for the benchmark: N users, each with one HOTP authenticator; the
// second half of them also hold server PIN 1234 (one argon2id hash, reused); then `wrong` more users
// without a PIN for the wrong-OTP phase, under their own client component whose policy never locks
// (every request there then takes the whole wrong-OTP path). Shows progress.
import { openStore } from '../src/store/store.js';
import { Argon2Hasher } from '../src/store/hasher.js';

export const BENCH_SECRET = Buffer.from('12345678901234567890');
export const BENCH_PIN = '1234';
/** The client component of the wrong-OTP phase (policy "Bench no lockout", lock threshold 0). */
export const WRONG_OTP_COMPONENT = 'Bench Wrong OTP';
const BATCH = 5000;

export const benchUser = (i: number) => `user${String(i).padStart(7, '0')}`;

export async function populate(url: string, masterKey: Buffer, count: number, say: (s: string) => void, wrong = 0): Promise<number> {
  const started = performance.now();
  const store = await openStore(url, { masterKey });
  await store.savePolicy({ name: 'Bench', lockThreshold: 3 });
  await store.saveClient('SOAP Auth Client', 'Bench');
  await store.savePolicy({ name: 'Bench no lockout', lockThreshold: 0 });
  await store.saveClient(WRONG_OTP_COMPONENT, 'Bench no lockout');
  const pinHash = await new Argon2Hasher().hash(BENCH_PIN);
  const total = count + wrong;
  for (let from = 0; from < total; from += BATCH) {
    const rows = [];
    for (let i = from; i < Math.min(total, from + BATCH); i++) {
      const withPin = i >= count / 2 && i < count;
      rows.push({
        user: { domain: 'master', userId: benchUser(i) },
        authenticator: { serial: `BEN${String(i).padStart(7, '0')}`, kind: 'hotp' as const, secret: BENCH_SECRET, pinHash: withPin ? pinHash : null, pinEnabled: withPin },
      });
    }
    await store.importBatch(rows);
    say(`  populated ${Math.min(total, from + BATCH).toLocaleString('en')} / ${total.toLocaleString('en')} authenticators`);
  }
  await store.close();
  return (performance.now() - started) / 1000;
}
