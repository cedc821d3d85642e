// Users (issue 21): search by user ID and create a user; each user links to its page.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { call, get } from './api.js';
import { Field, Notice, PAGE_ROWS, Pager, TableRegion, YesNo, useAction, useLoad, userHref } from './ui.js';

export interface User {
  userId: string; domain: string; localAuth: string; disabled: boolean; locked: boolean; lockCount: number; hasPassword: boolean;
  email: string | null; mobile: string | null; description: string | null; admin: boolean; serials: string[]; createdAt: string; modifiedAt: string | null;
}

function CreateUser({ created }: { created: (u: User) => void }) {
  const [userId, setUserId] = useState('');
  const [domain, setDomain] = useState('master');
  const [password, setPassword] = useState('');
  const [description, setDescription] = useState('');
  const { busy, note, run } = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const u = await call<User>('POST', '/users', { userId, domain, ...(password ? { password } : {}), ...(description ? { description } : {}) });
      setUserId(''); setPassword(''); setDescription('');
      created(u);
      return `Created ${u.domain}\\${u.userId}`;
    });
  };
  return html`<form class="card" aria-labelledby="create-h" onSubmit=${submit}>
    <h2 id="create-h">Create a user</h2>
    <div class="row">
      <${Field} label="User ID" value=${userId} onInput=${setUserId} required />
      <${Field} label="Domain" value=${domain} onInput=${setDomain} required />
      <${Field} label="Static password (optional)" type="password" value=${password} onInput=${setPassword} autocomplete="new-password" />
      <${Field} label="Description (optional)" value=${description} onInput=${setDescription} />
    </div>
    <button type="submit" disabled=${busy}>Create</button>
    <${Notice} note=${note} />
  </form>`;
}

export function UsersPage() {
  const [q, setQ] = useState('');
  const [shown, setShown] = useState({ q: '', offset: 0 });
  const { data: page, error, reload } = useLoad(() => get<User[]>(`/users?q=${encodeURIComponent(shown.q)}&offset=${shown.offset}&limit=${PAGE_ROWS + 1}`), [shown.q, shown.offset]);
  const data = page?.slice(0, PAGE_ROWS);
  return html`<h1 tabindex="-1">Users</h1>
    <form class="search" role="search" onSubmit=${(e: Event) => { e.preventDefault(); setShown({ q, offset: 0 }); }}>
      <${Field} label="Search user IDs" value=${q} onInput=${setQ} hint="Part of the user ID; * matches anything" />
      <button type="submit">Search</button>
    </form>
    ${error && html`<p class="notice error" role="alert">${error}</p>`}
    ${data && html`<${TableRegion} label="Users"><table>
      <thead><tr><th scope="col">User</th><th scope="col">Locked</th><th scope="col">Disabled</th><th scope="col">Password</th><th scope="col">Authenticators</th><th scope="col">Description</th></tr></thead>
      <tbody>${data.map((u) => html`<tr key=${`${u.domain}\\${u.userId}`}>
        <td><a href=${userHref(u.domain, u.userId)}>${u.domain}\\${u.userId}</a>${u.admin ? html` <span class="badge info">admin</span>` : ''}</td>
        <td><${YesNo} v=${u.locked} /></td><td><${YesNo} v=${u.disabled} /></td><td><${YesNo} v=${u.hasPassword} /></td>
        <td>${u.serials.join(', ') || '—'}</td><td>${u.description ?? ''}</td></tr>`)}</tbody>
    </table><//>${data.length === 0 ? html`<p>No user matches.</p>` : ''}
    <${Pager} label="Users" offset=${shown.offset} rows=${page!.length} go=${(offset: number) => setShown({ q: shown.q, offset })} />`}
    <${CreateUser} created=${reload} />`;
}
