// What the benchmark's load generators send: never-replayed credentials, each user in turn at its
// next HOTP counter, so every success is a real verification and compare-and-set; and wrong OTPs that
// never match (each one different, so no failure is deduplicated as a client retry).
import { hotp } from '../src/otp/hotp.js';
import { envelope } from './load.js';
import { BENCH_PIN, BENCH_SECRET, benchUser } from './populate.js';

/** authUser envelopes for users in [from, to) in turn, each at its next HOTP counter (PIN first when asked). */
export function otpSource(from: number, to: number, withPin: boolean): () => string {
  const counters = new Uint32Array(to - from);
  let next = 0;
  return () => {
    const i = next; next = next + 1 >= to - from ? 0 : next + 1;
    return envelope(benchUser(from + i), `${withPin ? BENCH_PIN : ''}${hotp(BENCH_SECRET, counters[i]++, 6, 'SHA1')}`);
  };
}

/**
 * authUser envelopes with a wrong OTP for users in [from, to) in turn: the code of a counter far past
 * the window (10^6 + n for the user's n-th request), which no counter the window searches produces
 * but by a one-in-50,000 chance.
 */
export function wrongOtpSource(from: number, to: number, componentType: string): () => string {
  const sent = new Uint32Array(to - from);
  let next = 0;
  return () => {
    const i = next; next = next + 1 >= to - from ? 0 : next + 1;
    return envelope(benchUser(from + i), hotp(BENCH_SECRET, 1_000_000 + sent[i]++, 6, 'SHA1'), componentType);
  };
}

/** RADIUS User-Name and User-Password pairs for users [0, count) in turn, each at its next HOTP counter. */
export function otpOnlyCredentials(count: number): () => [string, string] {
  const counters = new Uint32Array(count);
  let i = 0;
  return () => {
    const u = i; i = (i + 1) % count;
    return [benchUser(u), hotp(BENCH_SECRET, counters[u]++, 6, 'SHA1')];
  };
}
