// Window searches shared by the kinds (spec: flows.md §3): counters look ahead of the last accepted one,
// time steps are tried nearest-first around the expected step; a match at or below the last accepted
// step is reported as a replay, but only when no fresh step matches.
import { codeMatches, formatCode, isDigits } from '../otp/codes.js';
import type { VerifyContext, VerifyResult } from './kind.js';
import { REJECTED, REPLAYED } from './kind.js';

/**
 * How a step's truncated value is tested: against the given digits (constant time), or, when the context
 * carries `matches`, by the proof it checks. Undefined when the given code cannot be of this length.
 */
export function codeTest(digits: number, otp: string, ctx: VerifyContext): ((value: number) => boolean) | undefined {
  const { matches } = ctx;
  if (matches) return (value) => matches.call(ctx, formatCode(value, digits));
  if (!isDigits(otp, digits)) return undefined;
  const given = Buffer.from(otp, 'latin1');
  return (value) => codeMatches(value, digits, given);
}

/** Search outcomes below 0; a result ≥ 0 is the matched step. */
export const NO_MATCH = -1;
export const REPLAY = -2;

/**
 * Counters lastStep+1 .. lastStep+window (at least one), then, for the replay verdict, lastStep down to
 * lastStep-window+1 (never below 0).
 */
export function searchCounters(lastStep: number, window: number, matches: (counter: number) => boolean): number {
  const w = Math.max(1, window);
  for (let c = lastStep + 1; c <= lastStep + w; c++) if (matches(c)) return c;
  for (let c = lastStep; c >= 0 && c > lastStep - w; c--) if (matches(c)) return REPLAY;
  return NO_MATCH;
}

/** Steps center, center-1, center+1, ... center±window (never below 0), nearest first, past first. */
export function searchSteps(center: number, window: number, lastStep: number, matches: (step: number) => boolean): number {
  let replay = false;
  for (let k = 0; k <= window; k++) {
    for (let s = center - k; s <= center + k; s += k === 0 ? 1 : 2 * k) {
      if (s < 0 || !matches(s)) continue;
      if (s > lastStep) return s;
      replay = true;
    }
  }
  return replay ? REPLAY : NO_MATCH;
}

/** True when `matches` holds for some step in center±window (nearest first). */
export function anyStep(center: number, window: number, matches: (step: number) => boolean): boolean {
  return searchSteps(center, window, -1, matches) >= 0;
}

export function clampDrift(drift: number, maxDrift: number): number {
  const m = Math.max(0, maxDrift);
  return Math.max(-m, Math.min(m, drift));
}

/** Maps a search outcome to a failed VerifyResult, or undefined when a step matched. */
export function failure(outcome: number): VerifyResult | undefined {
  if (outcome === REPLAY) return REPLAYED;
  return outcome < 0 ? REJECTED : undefined;
}
