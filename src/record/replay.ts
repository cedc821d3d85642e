// `countersign replay` (issue 9): sends each case's request, in order, to a target and compares the
// answers structurally (compare.ts); --update rewrites the expected files instead, --suggest-codes
// derives status overrides from the differences, --junit writes a report for CI.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config/load.js';
import { applyStatusOverrides, type StatusCatalogue } from '../domain/status.js';
import { readSeedFile } from '../store/seed.js';
import { CaseError, findCaseDirs, loadCase, type CaseRef, type ReplayCase } from './cases.js';
import { compareAnswers, DEFAULT_IGNORED, type Answer } from './compare.js';
import { statusOf } from './exchange.js';
import { caseLines, summaryLines, writeJunit, type CaseResult } from './report.js';
import { responseInfo } from './soap-info.js';
import { suggestFor, suggestionLines, type CodeNote, type Suggestion } from './suggest.js';
import { externalTarget, inProcessTarget, send, type Reply, type Target } from './target.js';
import { charsetOf, parseXml, XmlError } from './xml.js';

export interface ReplayOptions {
  readonly dir: string;
  readonly target?: string;
  readonly seed?: string;
  readonly clock?: string;
  readonly update: boolean;
  readonly junit?: string;
  readonly suggestCodes: boolean;
  /** More attribute IDs whose values are not compared (added to DEFAULT_IGNORED). */
  readonly ignore: readonly string[];
  readonly ca?: Buffer;
  readonly timeoutMs: number;
  readonly say: (line: string) => void;
}

export interface ReplayReport { readonly results: readonly CaseResult[]; readonly failed: boolean }

interface Run { readonly opts: ReplayOptions; readonly target: Target; readonly ignored: ReadonlySet<string>; readonly catalogue: StatusCatalogue; readonly found: (Suggestion | CodeNote)[] }

function effectiveCatalogue(): StatusCatalogue {
  try { return applyStatusOverrides(loadConfig(process.env).statusOverrides); } catch { return applyStatusOverrides({}); }
}

function answerOf(reply: Reply): Answer {
  const text = reply.body.toString(charsetOf(reply.body, undefined));
  try {
    const tree = parseXml(text);
    return { http: reply.status, tree, info: responseInfo(tree) };
  } catch (e) {
    if (e instanceof XmlError) throw new Error(`the target's answer (HTTP ${reply.status}) ${e.message}`);
    throw e;
  }
}

function update(c: ReplayCase, reply: Reply, actual: Answer): CaseResult['outcome'] {
  if (c.expected?.body.equals(reply.body)) return 'same';
  writeFileSync(join(c.dir, 'response.xml'), reply.body);
  const metaFile = join(c.dir, 'meta.json');
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(metaFile, `${JSON.stringify({ ...meta, status: statusOf(actual.http, actual.info) }, null, 2)}\n`);
  }
  return 'updated';
}

async function exchange(run: Run, c: ReplayCase): Promise<Reply> {
  const url = await run.target.urlFor(c);
  try {
    return await send(url, c, run.opts);
  } finally {
    await run.target.done(c);
  }
}

async function replayCase(run: Run, ref: CaseRef): Promise<Omit<CaseResult, 'ms'>> {
  const c = loadCase(ref, !run.opts.update);
  const reply = await exchange(run, c);
  const actual = answerOf(reply);
  if (run.opts.update) return { title: c.title, outcome: update(c, reply, actual), differences: [] };
  const exp = c.expected!;
  const expected: Answer = { http: c.meta?.httpStatus ?? (exp.info.fault ? 500 : 200), tree: exp.tree, info: exp.info };
  const differences = compareAnswers(expected, actual, run.ignored);
  if (run.opts.suggestCodes && exp.info.codes && actual.info.codes) {
    const s = suggestFor(c.title, exp.info.codes, actual.info.codes, run.catalogue);
    if (s) run.found.push(s);
  }
  return { title: c.title, outcome: differences.length ? 'different' : 'same', differences };
}

async function timed(run: Run, ref: CaseRef): Promise<CaseResult> {
  const t0 = performance.now();
  try {
    return { ...(await replayCase(run, ref)), ms: performance.now() - t0 };
  } catch (e) {
    const error = e instanceof CaseError ? e.message.slice(ref.title.length + 2) : (e as Error).message;
    return { title: ref.title, outcome: 'error', differences: [], error, ms: performance.now() - t0 };
  }
}

function notes(opts: ReplayOptions, refs: readonly CaseRef[]): void {
  const masked = refs.filter((r) => existsSync(join(r.dir, 'request.xml')) && readFileSync(join(r.dir, 'request.xml')).includes('********'));
  if (masked.length) {
    opts.say(`note: ${masked.length} case(s) carry masked secrets (********), sent as they are; record with --keep-secrets to replay logins that succeed`);
  }
  if (opts.target && refs.some((r) => existsSync(join(r.dir, 'seed.json')))) {
    opts.say('note: a running --target is used as it is: seed.json files and $clock are not applied');
  }
}

export async function replay(opts: ReplayOptions): Promise<ReplayReport> {
  const refs = findCaseDirs(opts.dir);
  if (opts.clock !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(opts.clock) || Number.isNaN(Date.parse(opts.clock)))) {
    throw new Error(`--clock: "${opts.clock}" is not an ISO-8601 instant such as 2026-01-01T00:00:00Z`);
  }
  const seed = opts.seed ? readSeedFile(opts.seed) : undefined;
  const target = opts.target ? externalTarget(opts.target) : inProcessTarget({ seed, seedSource: opts.seed, clock: opts.clock });
  const run: Run = { opts, target, ignored: new Set([...DEFAULT_IGNORED, ...opts.ignore]), catalogue: effectiveCatalogue(), found: [] };
  opts.say(`Replaying ${refs.length} case(s) from ${opts.dir} against ${target.description}${opts.update ? ' (--update: rewriting response.xml)' : ''}`);
  notes(opts, refs);
  const results: CaseResult[] = [];
  try {
    for (const ref of refs) {
      const r = await timed(run, ref);
      results.push(r);
      for (const line of caseLines(r)) opts.say(line);
    }
  } finally {
    await target.close();
  }
  for (const line of summaryLines(results, opts.update)) opts.say(line);
  if (opts.suggestCodes) for (const line of ['', ...suggestionLines(run.found)]) opts.say(line);
  if (opts.junit) writeJunit(opts.junit, results, 'countersign replay');
  return { results, failed: results.some((r) => r.outcome === 'different' || r.outcome === 'error') };
}
