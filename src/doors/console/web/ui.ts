// Small shared pieces of the console page (issue 21): notices announced to screen readers, labelled
// fields, a scrollable table region, status badges, dates, and a hook that runs one call at a time.
import { html } from 'htm/preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.js';

export type Note = { kind: 'ok' | 'error'; text: string } | null;

export function Notice({ note }: { note: Note }) {
  if (!note) return html`<div class="notice-slot" role="status" aria-live="polite"></div>`;
  return html`<div class=${`notice ${note.kind}`} role=${note.kind === 'error' ? 'alert' : 'status'} aria-live="polite">${note.text}</div>`;
}

export const messageOf = (e: unknown): string => (e instanceof ApiError ? `${e.message} (${e.status})` : e instanceof Error ? e.message : String(e));

/** Runs an action, keeping `busy` while it runs and the outcome as a notice. */
export function useAction(): { busy: boolean; note: Note; setNote: (n: Note) => void; run: (f: () => Promise<string | void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const run = useCallback(async (f: () => Promise<string | void>) => {
    setBusy(true);
    setNote(null);
    try {
      const text = await f();
      if (text) setNote({ kind: 'ok', text });
    } catch (e) {
      setNote({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, note, setNote, run };
}

/** Loads `load()` now and whenever `key` changes; `reload` loads again. */
export function useLoad<T>(load: () => Promise<T>, key: unknown[]): { data: T | undefined; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then((d) => { if (live) { setData(d); setError(null); } }, (e: unknown) => { if (live) setError(messageOf(e)); });
    return () => { live = false; };
  }, [...key, tick]);
  return { data, error, reload: () => setTick((t) => t + 1) };
}

export const value = (e: Event): string => (e.currentTarget as HTMLInputElement).value;
export const checked = (e: Event): boolean => (e.currentTarget as HTMLInputElement).checked;

let fieldIds = 0;
/** A labelled input; `hint` is tied to it with aria-describedby. */
export function Field(p: { label: string; value: string; onInput: (v: string) => void; type?: string; hint?: string; required?: boolean; autocomplete?: string; name?: string; pattern?: string }) {
  const [id] = useState(() => `f${++fieldIds}`);
  return html`<div class="field">
    <label for=${id}>${p.label}</label>
    <input id=${id} name=${p.name ?? id} type=${p.type ?? 'text'} value=${p.value} required=${p.required} autocomplete=${p.autocomplete ?? 'off'}
      pattern=${p.pattern} aria-describedby=${p.hint ? `${id}-hint` : undefined} onInput=${(e: Event) => p.onInput(value(e))} />
    ${p.hint && html`<small id=${`${id}-hint`}>${p.hint}</small>`}
  </div>`;
}

/** A table that scrolls sideways on a narrow screen, reachable by keyboard. */
export function TableRegion({ label, children }: { label: string; children: unknown }) {
  return html`<div class="table-region" role="region" aria-label=${label} tabindex="0">${children}</div>`;
}

export function Status({ name }: { name: string }) {
  const kind = name === 'STAT_SUCCESS' ? 'ok' : /CHALLENGE|PUSH_PENDING|NEW_PIN/.test(name) ? 'info' : 'bad';
  return html`<span class=${`badge ${kind}`}>${name}</span>`;
}

export const when = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : '—');

export const userHref = (domain: string | null, userId: string): string => `#/users/${encodeURIComponent(domain ?? 'master')}/${encodeURIComponent(userId)}`;
export const serialHref = (serial: string): string => `#/authenticators/${encodeURIComponent(serial)}`;

export function YesNo({ v }: { v: boolean }) {
  return html`<span class=${v ? 'yes' : 'no'}>${v ? 'yes' : 'no'}</span>`;
}

/** Rows a list page shows at once; it asks for one more to know whether a next page exists. */
export const PAGE_ROWS = 50;

/** Previous and next page of a list whose page at `offset` came back as `rows` (up to PAGE_ROWS + 1). */
export function Pager({ label, offset, rows, go }: { label: string; offset: number; rows: number; go: (offset: number) => void }) {
  if (offset === 0 && rows <= PAGE_ROWS) return null;
  const last = offset + Math.min(rows, PAGE_ROWS);
  return html`<nav class="pager" aria-label=${`${label} pages`}>
    <button type="button" disabled=${offset === 0} onClick=${() => go(Math.max(0, offset - PAGE_ROWS))}>Previous</button>
    <span role="status">${rows === 0 ? 'none' : `${offset + 1}-${last}`}</span>
    <button type="button" disabled=${rows <= PAGE_ROWS} onClick=${() => go(offset + PAGE_ROWS)}>Next</button>
  </nav>`;
}
