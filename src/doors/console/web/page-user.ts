// One user (issue 21): account state (lock and count, last logon), its authenticators, and the
// administrative actions: disable/enable, unlock, set or remove the static password, enrol a TOTP (its QR
// code shown on screen), e-mail, mobile and virtual authenticators, assign or unassign an authenticator, delete.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { call, get, seg } from './api.js';
import type { Authenticator } from './page-authenticators.js';
import { DeliveredOtp } from './page-user-otp.js';
import type { User } from './page-users.js';
import { Field, Notice, TableRegion, YesNo, serialHref, useAction, useLoad, when } from './ui.js';

interface Detail extends User { authenticators: Authenticator[]; lastLogon: { at: string; door: string; serialNo: string | null } | null }
interface Enrolment { authenticator: Authenticator; uri: string; qr: string }

function Enrol({ path, done }: { path: string; done: () => void }) {
  const [made, setMade] = useState<Enrolment | null>(null);
  const { busy, note, run } = useAction();
  const enrol = () => run(async () => {
    const e = await call<Enrolment>('POST', `${path}/enrol`, {});
    setMade(e);
    done();
    return `Enrolled ${e.authenticator.serial}: scan the code with an authenticator app`;
  });
  return html`<section class="card" aria-labelledby="enrol-h"><h2 id="enrol-h">Enrol a TOTP authenticator</h2>
    <button type="button" onClick=${enrol} disabled=${busy}>Enrol a new TOTP</button>
    <${Notice} note=${note} />
    ${made && html`<figure class="qr"><img src=${made.qr} alt=${`QR code of the otpauth URI of ${made.authenticator.serial}`} />
      <figcaption><code class="uri">${made.uri}</code><br />Shown once: the secret is not kept anywhere the console can show it again.</figcaption></figure>`}
  </section>`;
}

function Actions({ u, path, changed }: { u: Detail; path: string; changed: () => void }) {
  const [password, setPassword] = useState('');
  const [serial, setSerial] = useState('');
  const { busy, note, run } = useAction();
  const act = (method: string, sub: string, body: unknown, said: string) => run(async () => { await call(method, `${path}${sub}`, body); changed(); return said; });
  const remove = () => confirm(`Delete ${u.domain}\\${u.userId}? Its authenticators become unassigned.`)
    && run(async () => { await call('DELETE', path); location.hash = '#/users'; });
  return html`<section class="card" aria-labelledby="actions-h"><h2 id="actions-h">Actions</h2>
    <div class="buttons">
      <button type="button" disabled=${busy} onClick=${() => act('PATCH', '', { disabled: !u.disabled }, u.disabled ? 'Enabled' : 'Disabled')}>${u.disabled ? 'Enable' : 'Disable'}</button>
      <button type="button" disabled=${busy} onClick=${() => act('POST', '/unlock', undefined, 'Unlocked: the lock and the failure count are cleared')}>Unlock</button>
      ${u.hasPassword && html`<button type="button" disabled=${busy} onClick=${() => act('DELETE', '/password', undefined, 'Static password removed')}>Remove static password</button>`}
      <button type="button" class="danger" disabled=${busy} onClick=${remove}>Delete user</button>
    </div>
    <form class="row" aria-label="Set the static password" onSubmit=${(e: Event) => { e.preventDefault(); void act('PUT', '/password', { password }, 'Static password set').then(() => setPassword('')); }}>
      <${Field} label="New static password" type="password" value=${password} onInput=${setPassword} required autocomplete="new-password" />
      <button type="submit" disabled=${busy}>Set password</button>
    </form>
    <form class="row" aria-label="Assign an authenticator" onSubmit=${(e: Event) => {
      e.preventDefault();
      void run(async () => { await call('PUT', `/authenticators/${seg(serial)}/user`, { userId: u.userId, domain: u.domain }); setSerial(''); changed(); return `Assigned ${serial}`; });
    }}>
      <${Field} label="Serial to assign" value=${serial} onInput=${setSerial} required />
      <button type="submit" disabled=${busy}>Assign</button>
    </form>
    <${Notice} note=${note} />
  </section>`;
}

export function UserPage({ domain, userId }: { domain: string; userId: string }) {
  const path = `/users/${seg(domain)}/${seg(userId)}`;
  const { data: u, error, reload } = useLoad(() => get<Detail>(path), [path]);
  const { note, run } = useAction();
  const unassign = (serial: string) => run(async () => { await call('DELETE', `/authenticators/${seg(serial)}/user`); reload(); return `Unassigned ${serial}`; });
  return html`<h1 tabindex="-1">${domain}\\${userId}</h1>
    <p><a href="#/users">← Users</a></p>
    ${error && html`<p class="notice error" role="alert">${error}</p>`}
    ${u && html`<dl class="facts">
      <dt>Locked</dt><dd><${YesNo} v=${u.locked} /> (failure count ${u.lockCount})</dd>
      <dt>Disabled</dt><dd><${YesNo} v=${u.disabled} /></dd>
      <dt>Last logon</dt><dd>${u.lastLogon ? `${when(u.lastLogon.at)} via ${u.lastLogon.door}${u.lastLogon.serialNo ? ` (${u.lastLogon.serialNo})` : ''}` : 'none recorded'}</dd>
      <dt>Static password</dt><dd><${YesNo} v=${u.hasPassword} /></dd>
      <dt>Local authentication</dt><dd>${u.localAuth}</dd>
      <dt>Administrator</dt><dd><${YesNo} v=${u.admin} /></dd>
      <dt>E-mail / mobile</dt><dd>${u.email ?? '—'} / ${u.mobile ?? '—'}</dd>
      <dt>Description</dt><dd>${u.description ?? '—'}</dd>
      <dt>Created / changed</dt><dd>${when(u.createdAt)} / ${when(u.modifiedAt)}</dd>
    </dl>
    <h2>Authenticators</h2>
    <${TableRegion} label="Authenticators of this user"><table>
      <thead><tr><th scope="col">Serial</th><th scope="col">Kind</th><th scope="col">Locked</th><th scope="col">Disabled</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${u.authenticators.map((a) => html`<tr key=${a.serial}><td><a href=${serialHref(a.serial)}>${a.serial}</a></td><td>${a.kind}</td>
        <td><${YesNo} v=${a.locked} /></td><td><${YesNo} v=${a.disabled} /></td>
        <td><button type="button" class="small" onClick=${() => unassign(a.serial)}>Unassign ${a.serial}</button></td></tr>`)}</tbody>
    </table><//>
    ${u.authenticators.length === 0 ? html`<p>None assigned.</p>` : ''}
    <${Notice} note=${note} />
    <${Actions} u=${u} path=${path} changed=${reload} />
    <${Enrol} path=${path} done=${reload} />
    <${DeliveredOtp} key=${path} u=${u} path=${path} changed=${reload} />`}`;
}
