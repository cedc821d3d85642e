// The logon form (issue 21): an administrator of the store, checked like an admin SOAP logon (same
// lockout and rate limits); the password leaves the page only in the logon request.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { call, type Session } from './api.js';
import { Field, Notice, useAction } from './ui.js';

export function LogonPage({ reason, onLogon }: { reason: string; onLogon: (s: Session) => void }) {
  const [userId, setUserId] = useState('');
  const [password, setPassword] = useState('');
  const [domain, setDomain] = useState('master');
  const { busy, note, run } = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const s = await call<Session>('POST', '/session', { userId, password, domain });
      setPassword('');
      onLogon(s);
    });
  };
  return html`<main class="narrow" id="main">
    <h1>Countersign console</h1>
    <p>Log on with an administrator account of this server.</p>
    ${reason && html`<p class="notice info" role="status">${reason}</p>`}
    <form onSubmit=${submit} class="card" aria-label="Log on">
      <${Field} label="User ID" name="userId" value=${userId} onInput=${setUserId} required autocomplete="username" />
      <${Field} label="Password" name="password" type="password" value=${password} onInput=${setPassword} required autocomplete="current-password" />
      <${Field} label="Domain" name="domain" value=${domain} onInput=${setDomain} required />
      <button type="submit" disabled=${busy}>${busy ? 'Logging on…' : 'Log on'}</button>
      <${Notice} note=${note} />
    </form>
  </main>`;
}
