// Pending push transactions (issue 21): the live ones, refreshed every second; with the device
// simulator on, approve or deny one as the device would, and see the held call's answer.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { call, get, seg, type Session } from './api.js';
import { Notice, TableRegion, useAction, userHref, when } from './ui.js';

interface Tx { challengeKey?: string; userId: string; domain: string; componentType: string; state: string; message: string; serials: string[]; createdAt: string; expiresAt: string }
interface Outcome { status: string; statusCode: number; detail: string | null }

export function PushesPage({ session }: { session: Session }) {
  const [list, setList] = useState<{ deviceSimulator: boolean; transactions: Tx[] } | null>(null);
  const { busy, note, run } = useAction();
  const load = () => get<{ deviceSimulator: boolean; transactions: Tx[] }>('/pushes').then(setList, () => undefined);
  useEffect(() => { void load(); const t = setInterval(load, 1000); return () => clearInterval(t); }, []);
  const answer = (tx: Tx, action: 'approve' | 'deny') => run(async () => {
    const o = await call<Outcome>('POST', `/pushes/${seg(tx.challengeKey!)}/${action}`, { serial: tx.serials[0] });
    await load();
    return `${action === 'approve' ? 'Approved' : 'Denied'} on ${tx.serials[0]}: ${o.status}. The held call for ${tx.domain}\\${tx.userId} is released.`;
  });
  const canAnswer = session.features.deviceSimulator;
  return html`<h1 tabindex="-1">Pending push transactions</h1>
    ${!canAnswer && html`<p class="hint">Approving or denying here needs the push device simulator (COUNTERSIGN_DEVICE_SIMULATOR=1, tests and QA only).</p>`}
    <${Notice} note=${note} />
    ${list && html`<${TableRegion} label="Pending push transactions"><table>
      <thead><tr><th scope="col">User</th><th scope="col">Device</th><th scope="col">Client</th><th scope="col">Since</th><th scope="col">Expires</th><th scope="col">State</th>
        ${canAnswer && html`<th scope="col"><span class="sr-only">Answer</span></th>`}</tr></thead>
      <tbody>${list.transactions.map((tx, i) => html`<tr key=${tx.challengeKey ?? i}>
        <td><a href=${userHref(tx.domain, tx.userId)}>${tx.domain}\\${tx.userId}</a></td><td>${tx.serials.join(', ') || '—'}</td><td>${tx.componentType}</td>
        <td>${when(tx.createdAt)}</td><td>${when(tx.expiresAt)}</td><td>${tx.state}</td>
        ${canAnswer && html`<td class="buttons"><button type="button" disabled=${busy || tx.serials.length === 0} onClick=${() => answer(tx, 'approve')}>Approve ${tx.userId}</button>
          <button type="button" class="danger" disabled=${busy || tx.serials.length === 0} onClick=${() => answer(tx, 'deny')}>Deny ${tx.userId}</button></td>`}</tr>`)}</tbody>
    </table><//>
    ${list.transactions.length === 0 ? html`<p>No push transaction is waiting.</p>` : ''}`}`;
}
