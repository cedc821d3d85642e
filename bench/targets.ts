// What one `npm run bench` run measured, its table, and the targets of issue 20 with their ratios:
// each target is computed from rows of the same run; over several runs, min, median and max, and
// whether the median holds.
import type { PhaseResult } from './load.js';

/** One phase's row (bench/load.ts): successes are the expected outcome (RET_SUCCESS, STAT_OTP_INCORRECT, Access-Accept). */
export type Row = PhaseResult;

export interface RunResult {
  mock?: Row; baseline?: Row;
  otp?: Row; wrong?: Row; otp128?: Row; otp512?: Row; soapOpen?: Row; pin?: Row; argon2?: number;
  radius?: Row; radius256?: Row; radiusOpen?: Row; freeradius?: Row;
  storeSmall?: Row; storeLarge?: Row;
}

type Key = Exclude<keyof RunResult, 'argon2'>;
const ORDER: readonly Key[] = ['mock', 'baseline', 'otp', 'wrong', 'otp128', 'otp512', 'soapOpen', 'pin', 'freeradius', 'radius', 'radius256', 'radiusOpen', 'storeSmall', 'storeLarge'];

interface Target {
  readonly text: string;
  readonly limit: string;
  readonly value: (r: RunResult) => number | undefined;
  readonly holds: (v: number) => boolean;
  readonly digits: number;
}

const ratio = (a: number | undefined, b: number | undefined): number | undefined => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);
const atMost = (limit: number) => (v: number) => v <= limit;
const atLeast = (limit: number) => (v: number) => v >= limit;

/** Countersign's own phases (the RSS target covers each of them). */
const OWN: readonly Key[] = ['otp', 'wrong', 'otp128', 'otp512', 'soapOpen', 'pin', 'radius', 'radius256', 'radiusOpen', 'storeSmall', 'storeLarge'];

export const TARGETS: readonly Target[] = [
  { text: 'SOAP OTP-only authUser: server CPU per request vs node-soap mock', limit: '≤ 1.0x', value: (r) => ratio(r.otp?.cpuUs, r.mock?.cpuUs), holds: atMost(1), digits: 2 },
  { text: 'SOAP OTP-only authUser: throughput vs node-soap mock', limit: '≥ 1.0x', value: (r) => ratio(r.otp?.rps, r.mock?.rps), holds: atLeast(1), digits: 2 },
  { text: 'SOAP wrong OTP: server CPU per request vs node-soap mock', limit: '≤ 1.0x', value: (r) => ratio(r.wrong?.cpuUs, r.mock?.cpuUs), holds: atMost(1), digits: 2 },
  { text: 'SOAP wrong OTP: throughput vs node-soap mock', limit: '≥ 1.0x', value: (r) => ratio(r.wrong?.rps, r.mock?.rps), holds: atLeast(1), digits: 2 },
  { text: '128 connections: throughput vs 32 connections', limit: '≥ 0.90x', value: (r) => ratio(r.otp128?.rps, r.otp?.rps), holds: atLeast(0.9), digits: 2 },
  { text: '128 connections: p99 / p50', limit: '≤ 5', value: (r) => ratio(r.otp128?.p99, r.otp128?.p50), holds: atMost(5), digits: 1 },
  { text: '512 connections: throughput vs 32 connections', limit: '≥ 0.90x', value: (r) => ratio(r.otp512?.rps, r.otp?.rps), holds: atLeast(0.9), digits: 2 },
  { text: '512 connections: p99 / p50', limit: '≤ 5', value: (r) => ratio(r.otp512?.p99, r.otp512?.p50), holds: atMost(5), digits: 1 },
  { text: 'SOAP OTP-only at half the saturation rate (open loop): p99 ms', limit: '≤ 5 ms', value: (r) => r.soapOpen?.p99, holds: atMost(5), digits: 2 },
  { text: 'RADIUS PAP OTP-only at half the saturation rate (open loop): p99 ms', limit: '≤ 5 ms', value: (r) => r.radiusOpen?.p99, holds: atMost(5), digits: 2 },
  { text: 'RADIUS PAP OTP-only: server CPU per request vs FreeRADIUS PAP (users file)', limit: '≤ 2.5x', value: (r) => ratio(r.radius?.cpuUs, r.freeradius?.cpuUs), holds: atMost(2.5), digits: 2 },
  { text: 'RADIUS PAP OTP-only: throughput vs FreeRADIUS PAP', limit: '≥ 0.5x', value: (r) => ratio(r.radius?.rps, r.freeradius?.rps), holds: atLeast(0.5), digits: 2 },
  { text: 'PIN + OTP throughput vs bare argon2id verify', limit: '≥ 0.90x', value: (r) => ratio(r.pin?.rps, r.argon2), holds: atLeast(0.9), digits: 2 },
  { text: 'peak RSS, worst Countersign phase (MB)', limit: '≤ 200 MB', value: (r) => worstRss(r), holds: atMost(200), digits: 0 },
  { text: 'store size: 1,000,000 authenticators (load over 1,000) vs 1,000', limit: '≥ 0.90x', value: (r) => ratio(r.storeLarge?.rps, r.storeSmall?.rps), holds: atLeast(0.9), digits: 2 },
];

function worstRss(r: RunResult): number | undefined {
  const all = OWN.map((k) => r[k]?.rssMb).filter((x): x is number => x !== undefined);
  return all.length ? Math.max(...all) : undefined;
}

const fixed = (v: number | undefined, digits: number): string => (v === undefined || !Number.isFinite(v) ? '' : v.toFixed(digits));

/** One run's rows: rate, latency, outcomes, memory and server CPU per request. */
export function runTable(r: RunResult): string {
  const lines = ['| phase | req/s | p50 ms | p99 ms | expected answers / requests | errors | peak RSS MB | server CPU µs / request |', '|---|---|---|---|---|---|---|---|'];
  for (const k of ORDER) {
    const x = r[k];
    if (x) lines.push(`| ${x.name} | ${Math.round(x.rps)} | ${x.p50} | ${x.p99} | ${x.successes} / ${x.requests} | ${x.errors} | ${x.rssMb ?? ''} | ${x.cpuUs ?? ''} |`);
  }
  if (r.argon2 !== undefined) lines.push(`| argon2id verify (m=19456 KiB, t=2, p=1), bare, in the load generator (3 s before and 3 s after the PIN phase) | ${Math.round(r.argon2)} | | | | | | |`);
  return lines.join('\n');
}

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };

/** The targets over all runs: each run's value, min, median, max, and whether the median holds. */
export function targetTable(runs: readonly RunResult[]): string {
  const head = runs.length > 1 ? `| target | limit | ${runs.map((_, i) => `run ${i + 1}`).join(' | ')} | min | median | max | median holds |`
    : '| target | limit | value | holds |';
  const lines = [head, `|${'---|'.repeat(head.split('|').length - 2)}`];
  for (const t of TARGETS) {
    const values = runs.map(t.value);
    const known = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
    if (known.length === 0) {
      lines.push(runs.length === 1 ? `| ${t.text} | ${t.limit} | | not measured |` : `| ${t.text} | ${t.limit} | ${values.map(() => '').join(' | ')} | | | | not measured |`);
      continue;
    }
    const m = median(known);
    const verdict = t.holds(m) ? 'yes' : 'NO';
    if (runs.length === 1) lines.push(`| ${t.text} | ${t.limit} | ${fixed(m, t.digits)} | ${verdict} |`);
    else lines.push(`| ${t.text} | ${t.limit} | ${values.map((v) => fixed(v, t.digits)).join(' | ')} | ${fixed(Math.min(...known), t.digits)} | ${fixed(m, t.digits)} | ${fixed(Math.max(...known), t.digits)} | ${verdict} |`);
  }
  return lines.join('\n');
}
