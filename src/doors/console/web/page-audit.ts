// The live audit (issue 21): every authentication and administrative change this node stores, as it
// happens (server-sent events), filtered by user, serial, door and status, newest on top; users and
// serials link to their pages. A search of the stored log (every node's records) by the same filters and
// a time span sits below.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { get, sessionEnded } from './api.js';
import { Field, Notice, Status, TableRegion, serialHref, useAction, userHref } from './ui.js';

export interface AuditRow {
  seq?: number; at: string; door: string; componentType: string; domain: string | null; userId: string | null; serialNo: string | null;
  status: string; statusCode: number; sourceAddress: string | null; detail: string | null;
}

type Filters = { user: string; serial: string; door: string; status: string };
const KEPT = 500;
/** Stored records a search shows. */
const SEARCH_ROWS = 200;
const DOORS = ['', 'soap', 'radius', 'rest', 'device-simulator', 'admin-soap', 'console', 'cli'];

const query = (f: Readonly<Record<string, string>>): string => new URLSearchParams(Object.entries(f).filter(([, v]) => v !== '')).toString();

function AuditTable({ rows, label }: { rows: AuditRow[]; label: string }) {
  return html`<${TableRegion} label=${label}><table class="audit">
    <caption class="sr-only">${label}</caption>
    <thead><tr><th scope="col">Time</th><th scope="col">Door</th><th scope="col">User</th><th scope="col">Serial</th><th scope="col">Status</th><th scope="col">Source</th><th scope="col">Detail</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr key=${r.seq ?? `${r.at}${r.detail}`}>
      <td><time datetime=${r.at}>${new Date(r.at).toLocaleTimeString()}</time></td><td>${r.door}</td>
      <td>${r.userId ? html`<a href=${userHref(r.domain, r.userId)}>${r.domain ? `${r.domain}\\` : ''}${r.userId}</a>` : '—'}</td>
      <td>${r.serialNo ? html`<a href=${serialHref(r.serialNo)}>${r.serialNo}</a>` : '—'}</td>
      <td><${Status} name=${r.status} /></td><td>${r.sourceAddress ?? '—'}</td><td class="detail">${r.detail ?? ''}</td></tr>`)}</tbody>
  </table><//>`;
}

function FilterForm({ filters, onChange, label }: { filters: Filters; onChange: (f: Filters) => void; label: string }) {
  const set = (k: keyof Filters) => (v: string) => onChange({ ...filters, [k]: v });
  return html`<form class="filters" aria-label=${label} onSubmit=${(e: Event) => e.preventDefault()}>
    <${Field} label="User ID" value=${filters.user} onInput=${set('user')} />
    <${Field} label="Serial" value=${filters.serial} onInput=${set('serial')} />
    <div class="field"><label for=${`${label}-door`}>Door</label>
      <select id=${`${label}-door`} value=${filters.door} onChange=${(e: Event) => set('door')((e.currentTarget as HTMLSelectElement).value)}>
        ${DOORS.map((d) => html`<option value=${d}>${d || 'any'}</option>`)}</select></div>
    <${Field} label="Status" value=${filters.status} onInput=${set('status')} hint="e.g. STAT_OTP_INCORRECT" />
  </form>`;
}

function Live() {
  const [filters, setFilters] = useState<Filters>({ user: '', serial: '', door: '', status: '' });
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [state, setState] = useState('connecting…');
  const [paused, setPaused] = useState(false);
  // Reconnect once typing pauses, not on every key.
  const [applied, setApplied] = useState(filters);
  useEffect(() => { const t = setTimeout(() => setApplied(filters), 400); return () => clearTimeout(t); }, [query(filters)]);
  useEffect(() => {
    if (paused) { setState('paused'); return undefined; }
    setRows([]);
    const source = new EventSource(`/console/api/audit/live?${query(applied)}`);
    source.onopen = () => setState('live');
    source.onerror = () => setState('reconnecting…');
    source.addEventListener('audit', (e) => {
      const row = JSON.parse((e as MessageEvent<string>).data) as AuditRow;
      setRows((old) => [row, ...old].slice(0, KEPT));
    });
    source.addEventListener('end', (e) => {
      const { reason } = JSON.parse((e as MessageEvent<string>).data) as { reason: string };
      if (reason === 'session') { source.close(); sessionEnded('Your session ended (expired or logged off): log on again.'); }
    });
    return () => source.close();
  }, [query(applied), paused]);
  return html`<section aria-labelledby="live-h">
    <h2 id="live-h">Live <span class="live-state" role="status" data-state=${state}>${state}</span></h2>
    <p class="hint">Records stored by this node from now on (the last 200 first). With several nodes, each node shows only its own: search the stored log for all.</p>
    <${FilterForm} filters=${filters} onChange=${setFilters} label="Live filters" />
    <button type="button" onClick=${() => setPaused(!paused)}>${paused ? 'Resume' : 'Pause'}</button>
    <${AuditTable} rows=${rows} label="Live audit records, newest first" />
  </section>`;
}

/** A datetime-local value (the browser's local time) as an ISO-8601 instant; '' stays ''. */
const instant = (local: string): string => (local ? new Date(local).toISOString() : '');

function Search() {
  const [filters, setFilters] = useState<Filters>({ user: '', serial: '', door: '', status: '' });
  const [span, setSpan] = useState({ since: '', until: '' });
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const { busy, note, run } = useAction();
  const search = (e: Event) => {
    e.preventDefault();
    const q = query({ ...filters, since: instant(span.since), until: instant(span.until), limit: String(SEARCH_ROWS) });
    void run(async () => { setRows(await get<AuditRow[]>(`/audit?${q}`)); });
  };
  return html`<section aria-labelledby="search-h">
    <h2 id="search-h">Stored records</h2>
    <p class="hint">The newest ${SEARCH_ROWS} records that match, newest first; for older ones, set Until to the oldest time shown.</p>
    <${FilterForm} filters=${filters} onChange=${setFilters} label="Search filters" />
    <div class="row">
      <${Field} label="From" type="datetime-local" value=${span.since} onInput=${(since: string) => setSpan({ ...span, since })} />
      <${Field} label="Until" type="datetime-local" value=${span.until} onInput=${(until: string) => setSpan({ ...span, until })} hint="Records before this time" />
    </div>
    <button type="button" onClick=${search} disabled=${busy}>Search</button>
    <${Notice} note=${note} />
    ${rows && html`<${AuditTable} rows=${rows} label="Stored audit records, newest first" />${rows.length === 0 ? html`<p>No stored record matches.</p>` : ''}`}
  </section>`;
}

export function AuditPage() {
  return html`<h1 tabindex="-1">Audit</h1><${Live} /><${Search} />`;
}
