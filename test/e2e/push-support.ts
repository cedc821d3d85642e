// Push end-to-end helpers (flows.md §6): held authUser calls, the typed device operations as raw SOAP,
// the device simulator's HTTP routes, and waiting for a transaction to appear.
import { authUserEnvelope, post, statusOf } from './support.js';

export const CAROL = { CREDFLD_USERID: 'carol.push', CREDFLD_PASSWORD_FORMAT: '0', CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client' };
export const DEVICE = 'VDS0000004';

/** Starts a held push login; resolves with the final status enum and the XML. */
export function pushLogin(url: string, extra: Record<string, string> = { CREDFLD_PASSWORD: 'push' }, signal?: AbortSignal): Promise<{ status: string; text: string }> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: authUserEnvelope({ ...CAROL, ...extra }), signal })
    .then(async (r) => { const text = await r.text(); return { status: statusOf(text), text }; });
}

export function typedEnvelope(op: string, children: Record<string, string>): string {
  const inner = Object.entries(children).map(([k, v]) => `<${k}>${v}</${k}>`).join('');
  return '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:aut="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication">'
    + `<soapenv:Body><aut:${op}>${inner}</aut:${op}></soapenv:Body></soapenv:Envelope>`;
}

export async function fetchTransaction(url: string, key: string, serial = DEVICE): Promise<{ status: string; challenge?: string; text: string }> {
  const { text } = await post(url, typedEnvelope('getPreparedSecureChallenge', { componentType: 'SOAP Auth Client', serialNumber: serial, challengeKey: key }));
  return { status: statusOf(text), challenge: /<challenge xsi:type="xsd:string">([^<]*)</.exec(text)?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, '&'), text };
}

export async function cancel(url: string, key: string, serial = DEVICE): Promise<string> {
  return statusOf((await post(url, typedEnvelope('cancelAuthUser', { componentType: 'SOAP Auth Client', serialNumber: serial, challengeKeyMessage: key }))).text);
}

/** The device's authUser: the key and a signature. */
export async function answer(url: string, key: string, signature: string, user = 'carol.push'): Promise<string> {
  const env = authUserEnvelope({ ...CAROL, CREDFLD_USERID: user, CREDFLD_CHALLENGE_KEY: key, CREDFLD_PASSWORD: signature });
  return statusOf((await post(url, env)).text);
}

export interface Listed { challengeKey: string; state: string; message: string }

export async function listPending(url: string, serial = DEVICE): Promise<Listed[]> {
  const res = await fetch(new URL(`device/${serial}/pending`, url));
  return ((await res.json()) as { pending: Listed[] }).pending;
}

/** Polls the simulator until `count` transactions are live (held calls reach the server asynchronously). */
export async function waitForPending(url: string, count = 1, serial = DEVICE): Promise<Listed[]> {
  for (let i = 0; i < 200; i++) {
    const list = await listPending(url, serial);
    if (list.length >= count) return list;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${count} pending push transaction(s) appeared`);
}

export async function simulate(url: string, action: 'approve' | 'reject', key?: string, serial = DEVICE): Promise<{ http: number; status: string }> {
  const res = await fetch(new URL(`device/${serial}/${action}${key ? `?key=${encodeURIComponent(key)}` : ''}`, url), { method: 'POST' });
  return { http: res.status, status: ((await res.json()) as { status: string }).status };
}
