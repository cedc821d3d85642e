// Client components and policies (issue 21): list, create, change and delete, through the same use
// cases as `countersign client` and `countersign policy`. A policy's settings are edited as JSON.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { call, get, seg } from './api.js';
import { Field, Notice, TableRegion, useAction, useLoad } from './ui.js';

interface Client { componentType: string; policy: string; radius: { address: string; name: string | null }[] }
interface Policy { name: string; settings: Record<string, unknown>; effective: Record<string, unknown> }

export function ClientsPage() {
  const { data, error, reload } = useLoad(() => Promise.all([get<Client[]>('/clients'), get<Policy[]>('/policies')]), []);
  const [componentType, setComponentType] = useState('');
  const [policy, setPolicy] = useState('');
  const { busy, note, run } = useAction();
  const act = (method: string, path: string, body: unknown, said: string) => run(async () => { await call(method, path, body); reload(); return said; });
  const policies = data?.[1].map((p) => p.name) ?? [];
  const PolicySelect = ({ id, value: v, onChange }: { id: string; value: string; onChange: (v: string) => void }) => html`<select id=${id} value=${v}
    onChange=${(e: Event) => onChange((e.currentTarget as HTMLSelectElement).value)}><option value="">choose…</option>${policies.map((p) => html`<option value=${p}>${p}</option>`)}</select>`;
  return html`<h1 tabindex="-1">Client components</h1>
    ${error && html`<p class="notice error" role="alert">${error}</p>`}
    <${Notice} note=${note} />
    ${data && html`<${TableRegion} label="Client components"><table>
      <thead><tr><th scope="col">Component type</th><th scope="col">Policy</th><th scope="col">RADIUS locations</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${data[0].map((c) => html`<tr key=${c.componentType}><td>${c.componentType}</td>
        <td><label class="sr-only" for=${`p-${c.componentType}`}>Policy of ${c.componentType}</label>
          <${PolicySelect} id=${`p-${c.componentType}`} value=${c.policy} onChange=${(p: string) => p && act('PATCH', `/clients/${seg(c.componentType)}`, { policy: p }, `${c.componentType} now uses ${p}`)} /></td>
        <td>${c.radius.map((r) => r.address).join(', ') || '—'}</td>
        <td><button type="button" class="small danger" disabled=${busy}
          onClick=${() => confirm(`Delete ${c.componentType}?`) && act('DELETE', `/clients/${seg(c.componentType)}`, undefined, `Deleted ${c.componentType}`)}>Delete ${c.componentType}</button></td></tr>`)}</tbody>
    </table><//>`}
    <form class="card row" aria-label="Create a client component" onSubmit=${(e: Event) => { e.preventDefault(); void act('POST', '/clients', { componentType, policy }, `Created ${componentType}`); }}>
      <${Field} label="Component type" value=${componentType} onInput=${setComponentType} required />
      <div class="field"><label for="new-policy">Policy</label><${PolicySelect} id="new-policy" value=${policy} onChange=${setPolicy} /></div>
      <button type="submit" disabled=${busy}>Create</button>
    </form>`;
}

function PolicyEditor({ p, saved }: { p: Policy; saved: () => void }) {
  const [text, setText] = useState(JSON.stringify(p.settings, null, 2));
  const { busy, note, run } = useAction();
  const save = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      let settings: Record<string, unknown>;
      try { settings = JSON.parse(text) as Record<string, unknown>; } catch { throw new Error('The settings are not valid JSON'); }
      const cleared = Object.fromEntries(Object.keys(p.settings).filter((k) => !(k in settings)).map((k) => [k, null]));
      await call('PATCH', `/policies/${seg(p.name)}`, { settings: { ...cleared, ...settings } });
      saved();
      return `Saved ${p.name}`;
    });
  };
  return html`<form class="card" aria-label=${`Policy ${p.name}`} onSubmit=${save}>
    <h2>${p.name}</h2>
    <div class="field"><label for=${`s-${p.name}`}>Settings that differ from the defaults (JSON)</label>
      <textarea id=${`s-${p.name}`} rows="6" value=${text} onInput=${(e: Event) => setText((e.currentTarget as HTMLTextAreaElement).value)}></textarea></div>
    <details><summary>Effective settings</summary><pre>${JSON.stringify(p.effective, null, 2)}</pre></details>
    <button type="submit" disabled=${busy}>Save ${p.name}</button>
    <${Notice} note=${note} />
  </form>`;
}

export function PoliciesPage() {
  const { data, error, reload } = useLoad(() => get<Policy[]>('/policies'), []);
  const [name, setName] = useState('');
  const { busy, note, run } = useAction();
  return html`<h1 tabindex="-1">Policies</h1>
    ${error && html`<p class="notice error" role="alert">${error}</p>`}
    ${data?.map((p) => html`<${PolicyEditor} key=${p.name + JSON.stringify(p.settings)} p=${p} saved=${reload} />`)}
    <form class="card row" aria-label="Create a policy" onSubmit=${(e: Event) => { e.preventDefault(); void run(async () => { await call('POST', '/policies', { name, settings: {} }); reload(); return `Created ${name}`; }); }}>
      <${Field} label="New policy name" value=${name} onInput=${setName} required />
      <button type="submit" disabled=${busy}>Create</button>
      <${Notice} note=${note} />
    </form>`;
}
