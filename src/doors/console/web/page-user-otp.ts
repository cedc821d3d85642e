// One user's delivered one-time passwords (issue 22, docs/virtual-otp.md): the e-mail address and mobile
// number they go to, and a form that creates a virtual authenticator (e-mail or SMS, primary or backup).
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { call } from './api.js';
import { Field, Notice, checked, useAction, value } from './ui.js';

interface Contact { email: string | null; mobile: string | null }

/** E-mail and mobile number, and a new virtual authenticator for the user at `path`. */
export function DeliveredOtp({ u, path, changed }: { u: Contact; path: string; changed: () => void }) {
  const [email, setEmail] = useState(u.email ?? '');
  const [mobile, setMobile] = useState(u.mobile ?? '');
  const [serial, setSerial] = useState('');
  const [delivery, setDelivery] = useState('');
  const [backup, setBackup] = useState(false);
  const { busy, note, run } = useAction();
  const saveContact = (e: Event) => {
    e.preventDefault();
    void run(async () => { await call('PATCH', path, { email, mobile }); changed(); return 'E-mail and mobile saved'; });
  };
  const create = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await call('POST', `${path}/virtual`, { serial, ...(delivery ? { delivery } : {}), ...(backup ? { backup } : {}) });
      setSerial('');
      changed();
      return `Created virtual authenticator ${serial}`;
    });
  };
  return html`<section class="card" aria-labelledby="otp-h"><h2 id="otp-h">One-time passwords by e-mail or SMS</h2>
    <form class="row" aria-label="Where one-time passwords go" onSubmit=${saveContact}>
      <${Field} label="E-mail" type="email" value=${email} onInput=${setEmail} />
      <${Field} label="Mobile" value=${mobile} onInput=${setMobile} hint="International format, e.g. +32 470 12 34 56" />
      <button type="submit" disabled=${busy}>Save</button>
    </form>
    <form class="row" aria-label="Create a virtual authenticator" onSubmit=${create}>
      <${Field} label="Virtual authenticator serial" value=${serial} onInput=${setSerial} required />
      <div class="field"><label for="virtual-delivery">Delivery</label>
        <select id="virtual-delivery" value=${delivery} onChange=${(e: Event) => setDelivery(value(e))}>
          <option value="">the policy's</option><option value="email">e-mail</option><option value="sms">SMS</option></select></div>
      <div class="field"><label><input type="checkbox" checked=${backup} onChange=${(e: Event) => setBackup(checked(e))} /> Backup (limited use)</label></div>
      <button type="submit" disabled=${busy}>Create</button>
    </form>
    <${Notice} note=${note} />
  </section>`;
}
