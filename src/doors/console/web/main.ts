// The console page (issue 21): Preact components written with htm, loaded as ES modules through the
// page's import map. One page; the part after `#` picks the view. Without a session it shows the
// logon form; the header links every view, reachable by keyboard, with a link to skip to the content.
import { render } from 'preact';
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { call, get, onSessionEnded, useSession, type Session } from './api.js';
import { AuditPage } from './page-audit.js';
import { AuthenticatorPage, AuthenticatorsPage } from './page-authenticators.js';
import { ClientsPage, PoliciesPage } from './page-config.js';
import { ImportPage } from './page-import.js';
import { LogonPage } from './page-logon.js';
import { PushesPage } from './page-pushes.js';
import { QaPage } from './page-qa.js';
import { UserPage } from './page-user.js';
import { UsersPage } from './page-users.js';
import { messageOf } from './ui.js';

function useHash(): string[] {
  const parts = () => location.hash.replace(/^#\/?/, '').split('/').map((p) => { try { return decodeURIComponent(p); } catch { return p; } });
  const [route, setRoute] = useState(parts());
  useEffect(() => {
    const on = () => setRoute(parts());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

const NAV: [string, string, (s: Session) => boolean][] = [
  ['audit', 'Live audit', () => true], ['users', 'Users', () => true], ['authenticators', 'Authenticators', () => true],
  ['import', 'Import', () => true], ['pushes', 'Pushes', () => true], ['qa', 'QA helpers', (s) => s.features.qa],
  ['clients', 'Clients', () => true], ['policies', 'Policies', () => true],
];

function View({ route, session }: { route: string[]; session: Session }) {
  const [page, a = '', b = ''] = route;
  switch (page) {
    case 'users': return a ? html`<${UserPage} domain=${a} userId=${b} />` : html`<${UsersPage} />`;
    case 'authenticators': return a ? html`<${AuthenticatorPage} serial=${a} />` : html`<${AuthenticatorsPage} />`;
    case 'import': return html`<${ImportPage} />`;
    case 'pushes': return html`<${PushesPage} session=${session} />`;
    case 'qa': return html`<${QaPage} />`;
    case 'clients': return html`<${ClientsPage} />`;
    case 'policies': return html`<${PoliciesPage} />`;
    default: return html`<${AuditPage} />`;
  }
}

function Shell({ session, onLogoff }: { session: Session; onLogoff: () => void }) {
  const route = useHash();
  const main = useRef<HTMLElement>(null);
  useEffect(() => { main.current?.querySelector('h1')?.focus(); }, [route.join('/')]);
  const current = route[0] || 'audit';
  return html`
    <a class="skip" href="#main" onClick=${(e: Event) => { e.preventDefault(); main.current?.focus(); }}>Skip to content</a>
    <header class="top">
      <span class="brand">Countersign</span>
      <nav aria-label="Console">
        <ul>${NAV.filter(([, , on]) => on(session)).map(([id, label]) => html`<li><a href=${`#/${id}`} aria-current=${current === id ? 'page' : undefined}>${label}</a></li>`)}</ul>
      </nav>
      <span class="who">${session.domain}\\${session.userId}</span>
      <button type="button" class="link" onClick=${onLogoff}>Log off</button>
    </header>
    <main id="main" ref=${main} tabindex="-1"><${View} route=${route} session=${session} /></main>`;
}

function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [why, setWhy] = useState('');
  const adopt = (s: Session | null) => { useSession(s); setSession(s); };
  useEffect(() => {
    get<Session>('/session').then(adopt, () => adopt(null));
    return onSessionEnded((reason) => { setWhy(reason); adopt(null); });
  }, []);
  const logoff = async () => {
    try { await call('DELETE', '/session'); setWhy('You are logged off.'); } catch (e) { setWhy(messageOf(e)); }
    adopt(null);
  };
  if (session === undefined) return html`<p class="loading">Loading…</p>`;
  if (session === null) return html`<${LogonPage} reason=${why} onLogon=${(s: Session) => { setWhy(''); adopt(s); }} />`;
  return html`<${Shell} session=${session} onLogoff=${logoff} />`;
}

render(html`<${App} />`, document.getElementById('app')!);
