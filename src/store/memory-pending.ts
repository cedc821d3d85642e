// In-memory pending records for MemoryStore (spec: flows.md §5, §6 multi-leg state): the same contract
// as the SQL pending table, state changed by compare-and-set without an await between check and write.
import type { PendingRecord } from '../engine/ports.js';
import { StoreConflictError } from './errors.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const copy = (r: PendingRecord): PendingRecord => Object.freeze({ ...r, payload: structuredClone(r.payload) });

export class MemoryPending {
  private readonly records = new Map<string, Mutable<PendingRecord>>();

  create(record: PendingRecord): void {
    if (this.records.has(record.key)) throw new StoreConflictError('pending record key already exists');
    this.records.set(record.key, { ...record, payload: structuredClone(record.payload) });
  }

  find(key: string): PendingRecord | null {
    const r = this.records.get(key);
    return r ? copy(r) : null;
  }

  transition(key: string, from: PendingRecord['state'], to: PendingRecord['state']): boolean {
    const r = this.records.get(key);
    if (!r || r.state !== from) return false;
    r.state = to;
    return true;
  }

  findMany(keys: readonly string[]): PendingRecord[] {
    return keys.map((k) => this.find(k)).filter((r): r is PendingRecord => r !== null);
  }

  listForUser(userRef: string, kind: PendingRecord['kind']): PendingRecord[] {
    return [...this.records.values()].filter((r) => r.userRef === userRef && r.kind === kind)
      .sort((a, b) => a.createdAt - b.createdAt).map(copy);
  }

  /** Records of `kind` still open or fetched and not expired at `now`. */
  countLive(kind: PendingRecord['kind'], now: number): number {
    let n = 0;
    for (const r of this.records.values()) if (r.kind === kind && (r.state === 'open' || r.state === 'fetched') && r.expiresAt >= now) n++;
    return n;
  }

  /** Records of `kind` still open or fetched and not expired at `now`, oldest first, at most `limit`. */
  listLive(kind: PendingRecord['kind'], now: number, limit: number): PendingRecord[] {
    return [...this.records.values()].filter((r) => r.kind === kind && (r.state === 'open' || r.state === 'fetched') && r.expiresAt >= now)
      .sort((a, b) => a.createdAt - b.createdAt).slice(0, limit).map(copy);
  }

  /** Deletes the records matching `match`; returns how many. */
  deleteWhere(match: (r: PendingRecord) => boolean): number {
    const gone = [...this.records.values()].filter(match);
    for (const r of gone) this.records.delete(r.key);
    return gone.length;
  }
}
