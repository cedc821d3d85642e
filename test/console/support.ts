// Test support for the console's JSON API (issue 21): a logged-on administrator's calls (session
// cookie and CSRF token), and answers checked against the schemas of /openapi.json.
import { Ajv } from 'ajv';
import { expect } from 'chai';

export interface Answer { status: number; body: any; headers: Headers }

export interface Admin {
  readonly cookie: string;
  readonly csrf: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
}

export async function request(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' || body instanceof Uint8Array ? body as string : JSON.stringify(body);
  const res = await fetch(`${base}console/api${path}`, init);
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Logs on and answers the session's caller: every change sends the cookie and the CSRF token. */
export async function logOn(base: string, userId = 'admin', password = 'Admin-Passw0rd'): Promise<Admin> {
  const r = await request(base, 'POST', '/session', { userId, password });
  expect(r.status, JSON.stringify(r.body)).to.equal(200);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = r.body.csrfToken as string;
  return {
    cookie, csrf,
    call: (method, path, body, headers = {}) => request(base, method, path, body, { Cookie: cookie, ...(method === 'GET' ? {} : { 'X-CSRF-Token': csrf }), ...headers }),
  };
}

/** A checker of answers against the named schemas of the served OpenAPI document. */
export async function schemaChecker(base: string): Promise<(name: string, value: unknown) => void> {
  const doc = await (await fetch(`${base}openapi.json`)).json() as { components: object };
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'openapi', components: doc.components } as object);
  return (name, value) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${name}`);
    expect(validate, `schema ${name}`).to.not.equal(undefined);
    expect(validate!(value), `${name}: ${JSON.stringify(validate!.errors)}`).to.equal(true);
  };
}
