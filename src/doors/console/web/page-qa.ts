// QA helpers (issue 21; only with the demo data or COUNTERSIGN_CONSOLE_QA=on): the server clock, the
// current code of each demo token with its countdown, and a form that sends an authUser envelope (built
// by the server's SOAP codec) to this server's SOAP endpoint and shows the request and the answer.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { call, get } from './api.js';
import { Field, TableRegion, useAction, Notice } from './ui.js';

interface Code { serial: string; kind: string; otp: string; period: number | null; validForS: number | null }
interface Qa { clock: string; now: string; codes: Code[] }

function Codes() {
  const [qa, setQa] = useState<Qa | null>(null);
  const [left, setLeft] = useState<Record<string, number>>({});
  const load = () => get<Qa>('/qa').then((q) => { setQa(q); setLeft(Object.fromEntries(q.codes.map((c) => [c.serial, c.validForS ?? 0]))); }, () => undefined);
  useEffect(() => { void load(); }, []);
  useEffect(() => {
    const t = setInterval(() => setLeft((old) => {
      const next = Object.fromEntries(Object.entries(old).map(([k, v]) => [k, v - 1]));
      if (Object.values(next).some((v, i) => v <= 0 && qa?.codes[i]?.period)) void load();
      return next;
    }), 1000);
    return () => clearInterval(t);
  }, [qa]);
  if (!qa) return html`<p>Loading…</p>`;
  return html`<p>Server clock: <strong>${qa.clock}</strong> (now ${new Date(qa.now).toISOString()})</p>
    <${TableRegion} label="Current codes of the demo tokens"><table>
      <thead><tr><th scope="col">Serial</th><th scope="col">Kind</th><th scope="col">Code</th><th scope="col">Valid for</th></tr></thead>
      <tbody>${qa.codes.map((c) => html`<tr key=${c.serial}><td>${c.serial}</td><td>${c.kind}</td><td><code class="otp">${c.otp}</code></td>
        <td>${c.period ? html`<progress max=${c.period} value=${Math.max(0, left[c.serial] ?? 0)} aria-label=${`${c.serial} code validity`}></progress> ${Math.max(0, left[c.serial] ?? 0)} s` : 'next counter value'}</td></tr>`)}</tbody>
    </table><//>
    <button type="button" onClick=${load}>Refresh</button>`;
}

function SendAuthUser() {
  const [userId, setUserId] = useState('jane.doe');
  const [domain, setDomain] = useState('master');
  const [password, setPassword] = useState('');
  const [component, setComponent] = useState('SOAP Auth Client');
  const [exchange, setExchange] = useState<{ request: string; answer: string; ms: number | null } | null>(null);
  const { busy, note, run } = useAction();
  const send = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const { request } = await call<{ request: string }>('POST', '/qa/authuser', { componentType: component, userId, domain, password });
      setExchange({ request, answer: 'Waiting for the answer (a push request is held until the device answers)…', ms: null });
      const t0 = performance.now();
      const res = await fetch('/', { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' }, body: request });
      setExchange({ request, answer: await res.text(), ms: Math.round(performance.now() - t0) });
    });
  };
  return html`<form class="card" aria-labelledby="send-h" onSubmit=${send}>
    <h2 id="send-h">Send this authUser</h2>
    <div class="row">
      <${Field} label="Component type" value=${component} onInput=${setComponent} required />
      <${Field} label="User ID" value=${userId} onInput=${setUserId} required />
      <${Field} label="Domain" value=${domain} onInput=${setDomain} />
      <${Field} label="Password (PIN + OTP, or push)" value=${password} onInput=${setPassword} />
    </div>
    <button type="submit" disabled=${busy}>Send</button>
    <${Notice} note=${note} />
    ${exchange && html`<div class="exchange">
      <section aria-label="Request"><h3>Request</h3><pre>${exchange.request}</pre></section>
      <section aria-label="Answer" aria-live="polite"><h3>Answer${exchange.ms !== null ? ` (${exchange.ms} ms)` : ''}</h3><pre class="answer">${exchange.answer}</pre></section>
    </div>`}
  </form>`;
}

export function QaPage() {
  return html`<h1 tabindex="-1">QA helpers</h1><${Codes} /><${SendAuthUser} />`;
}
