// `replay --suggest-codes` (issue 9; status-codes.md, config statusOverrides): the override that makes
// our catalogue row say the number or enum name a recorded upstream used for the same row. Another row
// altogether (STAT_LOCKED where we say STAT_OTP_INCORRECT) is a behaviour difference, only noted.
import type { StatusCatalogue, StatusKey, StatusOverride } from '../domain/status.js';
import type { ResultCodes } from './soap-info.js';

export interface Suggestion { readonly key: StatusKey; readonly change: StatusOverride; readonly title: string; readonly said: string }
export interface CodeNote { readonly title: string; readonly note: string }

const rowKey = (catalogue: StatusCatalogue, name: string | undefined): StatusKey | undefined =>
  (Object.keys(catalogue) as StatusKey[]).find((k) => catalogue[k].name === name);

const show = (c: ResultCodes): string => `${c.statusEnum ?? '?'} (${c.statusCode ?? '?'})`;

/** The override for one case, a note when none applies, or undefined when both said the same. */
export function suggestFor(title: string, upstream: ResultCodes, ours: ResultCodes, catalogue: StatusCatalogue): Suggestion | CodeNote | undefined {
  if (upstream.statusEnum === ours.statusEnum && upstream.statusCode === ours.statusCode) return undefined;
  const key = rowKey(catalogue, ours.statusEnum);
  const said = `upstream said ${show(upstream)} where we said ${show(ours)}`;
  if (upstream.returnEnum !== ours.returnEnum || upstream.returnCode !== ours.returnCode || key === 'SUCCESS') {
    return { title, note: `${said}, and the return codes say ${upstream.returnEnum ?? '?'} / ${ours.returnEnum ?? '?'}: a behaviour difference; no override suggested` };
  }
  if (!key) return { title, note: `${said}; ${ours.statusEnum ?? 'our status'} is not in the catalogue, no override suggested` };
  const other = rowKey(catalogue, upstream.statusEnum);
  if (other && other !== key) return { title, note: `${said}: a different situation, not a renumbering; no override suggested` };
  const change: StatusOverride = {};
  if (upstream.statusEnum && upstream.statusEnum !== catalogue[key].name) change.name = upstream.statusEnum;
  if (upstream.statusCode !== undefined && upstream.statusCode !== catalogue[key].code) change.code = upstream.statusCode;
  if (Object.keys(change).length === 0) return undefined;
  return { key, change, title, said };
}

/** The lines to print: one JSON object per row, the merged variable, then where each came from. */
export function suggestionLines(found: readonly (Suggestion | CodeNote)[]): string[] {
  const merged = new Map<StatusKey, { change: StatusOverride; titles: string[]; said: string }>();
  const lines: string[] = [];
  const notes: string[] = [];
  for (const f of found) {
    if ('note' in f) { notes.push(`  note: ${f.title}: ${f.note}`); continue; }
    const prior = merged.get(f.key);
    if (!prior) { merged.set(f.key, { change: f.change, titles: [f.title], said: f.said }); continue; }
    if (JSON.stringify(prior.change) === JSON.stringify(f.change)) prior.titles.push(f.title);
    else notes.push(`  conflict: ${f.title}: ${f.said}, but ${prior.titles[0]} suggested ${JSON.stringify({ [f.key]: prior.change })}; kept the first`);
  }
  if (merged.size === 0) return [`No status override suggested (${found.length === 0 ? 'every status agreed' : 'see the notes'}).`, ...notes];
  lines.push(`Suggested status overrides (${merged.size}); paste into COUNTERSIGN_STATUS_OVERRIDES or the config file's statusOverrides:`);
  for (const [key, m] of merged) lines.push(JSON.stringify({ [key]: m.change }));
  const all = Object.fromEntries([...merged].map(([key, m]) => [key, m.change]));
  lines.push(`COUNTERSIGN_STATUS_OVERRIDES='${JSON.stringify(all)}'`);
  for (const [key, m] of merged) lines.push(`  ${key}: ${m.said} (${m.titles.join(', ')})`);
  return [...lines, ...notes];
}
