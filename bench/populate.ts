// Fills a fresh SQLite store for the benchmark: N users, each with one HOTP authenticator; the
// second half of them also hold server PIN 1234 (one argon2id hash, reused). Shows progress.
import { openStore } from '../src/store/store.js';
import { Argon2Hasher } from '../src/store/hasher.js';

export const BENCH_SECRET = Buffer.from('12345678901234567890');
export const BENCH_PIN = '1234';
const BATCH = 5000;

export const benchUser = (i: number) => `user${String(i).padStart(7, '0')}`;

export async function populate(url: string, masterKey: Buffer, count: number, say: (s: string) => void): Promise<number> {
  const started = performance.now();
  const store = await openStore(url, { masterKey });
  await store.savePolicy({ name: 'Bench', lockThreshold: 3 });
  await store.saveClient('SOAP Auth Client', 'Bench');
  const pinHash = await new Argon2Hasher().hash(BENCH_PIN);
  for (let from = 0; from < count; from += BATCH) {
    const rows = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      const withPin = i >= count / 2;
      rows.push({
        user: { domain: 'master', userId: benchUser(i) },
        authenticator: { serial: `BEN${String(i).padStart(7, '0')}`, kind: 'hotp' as const, secret: BENCH_SECRET, pinHash: withPin ? pinHash : null, pinEnabled: withPin },
      });
    }
    await store.importBatch(rows);
    say(`  populated ${Math.min(count, from + BATCH).toLocaleString('en')} / ${count.toLocaleString('en')} authenticators`);
  }
  await store.close();
  return (performance.now() - started) / 1000;
}
