// argon2id hashing of server PINs and static passwords (spec: flows.md §1, §2); implements the
// engine's SecretHasher port. Defaults follow the OWASP recommendation (m=19456 KiB, t=2, p=1).
import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import type { SecretHasher } from '../engine/ports.js';

export interface Argon2Params {
  /** Memory in KiB. */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

export const OWASP_ARGON2ID: Argon2Params = Object.freeze({ memoryCost: 19456, timeCost: 2, parallelism: 1 });

/**
 * At most this many argon2 computations run at once: more than the cores add memory (each holds
 * memoryCost KiB) without adding throughput. Further requests wait their turn in order.
 */
export const ARGON2_CONCURRENCY = Math.max(1, availableParallelism());

export class Argon2Hasher implements SecretHasher {
  private readonly params: Argon2Params;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(params: Partial<Argon2Params> = {}) {
    this.params = Object.freeze({ ...OWASP_ARGON2ID, ...params });
  }

  hash(plain: string): Promise<string> {
    return this.limited(() => argon2.hash(plain, { type: argon2.argon2id, ...this.params }));
  }

  /** False for a wrong secret; throws when the stored value is not an argon2 hash (a data fault). */
  async verify(hash: string, plain: string): Promise<boolean> {
    if (!hash.startsWith('$argon2')) throw new Error('stored secret hash is not an argon2 hash');
    return this.limited(() => argon2.verify(hash, plain));
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= ARGON2_CONCURRENCY) await new Promise<void>((go) => this.waiting.push(go));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
