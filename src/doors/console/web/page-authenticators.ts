// Authenticators (issue 21): search by serial (all, assigned or unassigned), and one authenticator's
// page: assign to a user or unassign, set or reset the server PIN.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { call, get, seg } from './api.js';
import { Field, Notice, PAGE_ROWS, Pager, TableRegion, YesNo, serialHref, useAction, useLoad, userHref } from './ui.js';

export interface Authenticator {
  serial: string; kind: string; userId: string | null; domain: string | null; assigned: boolean; disabled: boolean; locked: boolean; graceUntil: number | null;
}

export function AuthenticatorsPage() {
  const [q, setQ] = useState('');
  const [assigned, setAssigned] = useState('');
  const [shown, setShown] = useState({ q: '', assigned: '', offset: 0 });
  const { data: page, error } = useLoad(() => get<Authenticator[]>(`/authenticators?q=${encodeURIComponent(shown.q)}&assigned=${shown.assigned}`
    + `&offset=${shown.offset}&limit=${PAGE_ROWS + 1}`), [shown.q, shown.assigned, shown.offset]);
  const data = page?.slice(0, PAGE_ROWS);
  return html`<h1 tabindex="-1">Authenticators</h1>
    <form class="search" role="search" onSubmit=${(e: Event) => { e.preventDefault(); setShown({ q, assigned, offset: 0 }); }}>
      <${Field} label="Search serials" value=${q} onInput=${setQ} hint="Part of the serial; * matches anything" />
      <div class="field"><label for="assigned">Assignment</label>
        <select id="assigned" value=${assigned} onChange=${(e: Event) => setAssigned((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">any</option><option value="true">assigned</option><option value="false">unassigned</option></select></div>
      <button type="submit">Search</button>
    </form>
    ${error && html`<p class="notice error" role="alert">${error}</p>`}
    ${data && html`<${TableRegion} label="Authenticators"><table>
      <thead><tr><th scope="col">Serial</th><th scope="col">Kind</th><th scope="col">User</th><th scope="col">Locked</th><th scope="col">Disabled</th></tr></thead>
      <tbody>${data.map((a) => html`<tr key=${a.serial}><td><a href=${serialHref(a.serial)}>${a.serial}</a></td><td>${a.kind}</td>
        <td>${a.userId ? html`<a href=${userHref(a.domain, a.userId)}>${a.domain}\\${a.userId}</a>` : 'unassigned'}</td>
        <td><${YesNo} v=${a.locked} /></td><td><${YesNo} v=${a.disabled} /></td></tr>`)}</tbody>
    </table><//>${data.length === 0 ? html`<p>No authenticator matches.</p>` : ''}
    <${Pager} label="Authenticators" offset=${shown.offset} rows=${page!.length} go=${(offset: number) => setShown({ ...shown, offset })} />`}`;
}

export function AuthenticatorPage({ serial }: { serial: string }) {
  const path = `/authenticators/${seg(serial)}`;
  const { data: a, error, reload } = useLoad(() => get<Authenticator>(path), [path]);
  const [userId, setUserId] = useState('');
  const [domain, setDomain] = useState('master');
  const [pin, setPin] = useState('');
  const { busy, note, run } = useAction();
  const act = (method: string, sub: string, body: unknown, said: string) => run(async () => { await call(method, `${path}${sub}`, body); reload(); return said; });
  return html`<h1 tabindex="-1">${serial}</h1>
    <p><a href="#/authenticators">← Authenticators</a></p>
    ${error && html`<p class="notice error" role="alert">${error}</p>`}
    ${a && html`<dl class="facts">
      <dt>Kind</dt><dd>${a.kind}</dd>
      <dt>User</dt><dd>${a.userId ? html`<a href=${userHref(a.domain, a.userId)}>${a.domain}\\${a.userId}</a>` : 'unassigned'}</dd>
      <dt>Locked</dt><dd><${YesNo} v=${a.locked} /></dd><dt>Disabled</dt><dd><${YesNo} v=${a.disabled} /></dd>
      <dt>Static-password grace until</dt><dd>${a.graceUntil ? new Date(a.graceUntil).toLocaleString() : '—'}</dd>
    </dl>
    <section class="card" aria-labelledby="assign-h"><h2 id="assign-h">Assignment</h2>
      ${a.assigned ? html`<button type="button" disabled=${busy} onClick=${() => act('DELETE', '/user', undefined, 'Unassigned')}>Unassign</button>`
        : html`<form class="row" aria-label="Assign to a user" onSubmit=${(e: Event) => { e.preventDefault(); void act('PUT', '/user', { userId, domain }, `Assigned to ${domain}\\${userId}`); }}>
          <${Field} label="User ID" value=${userId} onInput=${setUserId} required /><${Field} label="Domain" value=${domain} onInput=${setDomain} required />
          <button type="submit" disabled=${busy}>Assign</button></form>`}
    </section>
    <section class="card" aria-labelledby="pin-h"><h2 id="pin-h">Server PIN</h2>
      <form class="row" aria-label="Set the server PIN" onSubmit=${(e: Event) => { e.preventDefault(); void act('PUT', '/pin', { pin }, 'PIN set').then(() => setPin('')); }}>
        <${Field} label="New PIN" type="password" value=${pin} onInput=${setPin} required autocomplete="new-password" pattern="[0-9]*" />
        <button type="submit" disabled=${busy}>Set PIN</button>
      </form>
      <button type="button" disabled=${busy} onClick=${() => act('DELETE', '/pin', undefined, 'PIN reset: the user chooses a new one at the next logon')}>Reset PIN</button>
    </section>`}
    <${Notice} note=${note} />`;
}
