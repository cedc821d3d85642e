// Replay output (issue 9): one line per case as it runs, a readable diff under each differing case,
// a summary table (same / different / errors), and a JUnit XML report for CI systems.
import { writeFileSync } from 'node:fs';
import { escapeXml } from '../domain/text.js';
import type { Difference } from './compare.js';

export type Outcome = 'same' | 'different' | 'error' | 'updated';

export interface CaseResult {
  readonly title: string;
  readonly outcome: Outcome;
  readonly differences: readonly Difference[];
  readonly error?: string;
  readonly ms: number;
}

const LABEL: Record<Outcome, string> = { same: 'same     ', different: 'DIFFERENT', error: 'ERROR    ', updated: 'updated  ' };

/** The line for a case, then its diff or error indented under it. */
export function caseLines(r: CaseResult): string[] {
  const n = r.differences.length;
  const lines = [`${LABEL[r.outcome]}  ${r.title}${r.outcome === 'different' ? `  (${n} difference${n === 1 ? '' : 's'})` : ''}`];
  if (r.error) lines.push(`    ${r.error}`);
  for (const d of r.outcome === 'different' ? r.differences : []) {
    lines.push(`    ${d.where}`, `      - expected: ${d.expected}`, `      + got:      ${d.actual}`);
  }
  return lines;
}

export function count(results: readonly CaseResult[], outcome: Outcome): number {
  return results.filter((r) => r.outcome === outcome).length;
}

export function summaryLines(results: readonly CaseResult[], update: boolean): string[] {
  const rows: [string, number][] = [['same', count(results, 'same')], ['different', count(results, 'different')], ['errors', count(results, 'error')]];
  if (update) rows.splice(1, 1, ['updated', count(results, 'updated')]);
  rows.push(['total', results.length]);
  return ['', 'result      cases', '----------  -----', ...rows.map(([k, n]) => `${k.padEnd(10)}  ${String(n).padStart(5)}`)];
}

const esc = escapeXml;

/** JUnit XML: one testcase per case; a difference is a <failure>, a defect an <error>. */
export function junitXml(results: readonly CaseResult[], suite: string): string {
  const total = results.reduce((s, r) => s + r.ms, 0) / 1000;
  const cases = results.map((r) => {
    const open = `  <testcase classname="${esc(suite)}" name="${esc(r.title)}" time="${(r.ms / 1000).toFixed(3)}"`;
    if (r.outcome === 'different') {
      const text = caseLines(r).slice(1).join('\n');
      return `${open}>\n    <failure message="${r.differences.length} difference(s)" type="difference">${esc(text)}</failure>\n  </testcase>`;
    }
    if (r.outcome === 'error') return `${open}>\n    <error message="${esc(r.error ?? 'error')}" type="error"/>\n  </testcase>`;
    return `${open}/>`;
  });
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<testsuites tests="${results.length}" failures="${count(results, 'different')}" errors="${count(results, 'error')}" time="${total.toFixed(3)}">\n`
    + `<testsuite name="${esc(suite)}" tests="${results.length}" failures="${count(results, 'different')}" errors="${count(results, 'error')}" time="${total.toFixed(3)}">\n`
    + `${cases.join('\n')}\n</testsuite>\n</testsuites>\n`;
}

export function writeJunit(file: string, results: readonly CaseResult[], suite: string): void {
  writeFileSync(file, junitXml(results, suite));
}
