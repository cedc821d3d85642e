// The system clock and randomness the engine gets injected (spec: flows.md §9). COUNTERSIGN_CLOCK
// freezes time at an ISO-8601 instant or shifts it by an offset (`+90s`, `-2m`, `+1h`, `+1d`).
import { randomBytes } from 'node:crypto';
import type { Clock, Randomness } from '../engine/ports.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export interface ClockSetting { readonly clock: Clock; readonly description: string; readonly real: boolean }

export function parseClock(spec: string | null, system: () => number = Date.now): ClockSetting {
  if (spec === null || spec.trim() === '') return { clock: { now: system }, description: 'real time', real: true };
  const offset = /^([+-])(\d+)(ms|s|m|h|d)$/.exec(spec.trim());
  if (offset) {
    const ms = Number(offset[2]) * UNIT_MS[offset[3]] * (offset[1] === '-' ? -1 : 1);
    return { clock: { now: () => system() + ms }, description: `real time ${spec.trim()}`, real: false };
  }
  const at = Date.parse(spec);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(spec) || Number.isNaN(at)) {
    throw new Error(`COUNTERSIGN_CLOCK: "${spec}" is neither an ISO-8601 instant (2026-01-01T00:00:00Z) nor an offset (+90s, -2m)`);
  }
  return { clock: { now: () => at }, description: `frozen at ${new Date(at).toISOString()}`, real: false };
}

export const systemRandom: Randomness = { bytes: (n) => randomBytes(n) };
