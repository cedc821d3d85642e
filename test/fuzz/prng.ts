// A seeded generator (xorshift32) for the fuzzers: the same inputs on every run of a seed, so a
// failure can be reproduced with its seed and index.
export interface Rng {
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
  bytes(n: number): Buffer;
}

export function prng(seed: number): Rng {
  let x = Math.imul(seed >>> 0 || 1, 0x9e3779b1) >>> 0 || 1; // spread small seeds over the 32 bits
  const next = (): number => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
  for (let i = 0; i < 16; i++) next();
  const int = (n: number): number => (n <= 0 ? 0 : next() % n);
  return {
    int,
    pick: <T>(list: readonly T[]): T => list[int(list.length)]!,
    chance: (p: number) => next() / 0x1_0000_0000 < p,
    bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => next() & 0xff)),
  };
}
