// Test support for the REST doors: requests, the OpenAPI response check (ajv), a RADIUS connector
// client and a QR decoder.
import { execFileSync, spawnSync } from 'node:child_process';
import { Ajv } from 'ajv';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { OPENAPI } from '../../../src/doors/rest/openapi.js';

export const KEY = 'demo-api-key';

export async function call(url: string, init: RequestInit = {}): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(url, init);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const ajv = new Ajv({ strict: false });
ajv.addSchema({ $id: 'openapi', components: OPENAPI.components } as object);

/** Throws unless `value` matches the named schema of the served OpenAPI document. */
export function checkSchema(doc: unknown, name: string, value: unknown): void {
  const schemas = (doc as { components: { schemas: Record<string, unknown> } }).components.schemas;
  if (!schemas[name]) throw new Error(`no schema ${name} in /openapi.json`);
  const validate = ajv.getSchema(`openapi#/components/schemas/${name}`)!;
  if (!validate(value)) throw new Error(`${name}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(value)}`);
}

export interface ConnectorReply { status: number; body: Record<string, unknown> }

/**
 * POSTs to /connector/radius of a started server (bearer `token`, default the demo key) and checks the
 * answer against the served OpenAPI document (`doc()`, read once the server is up).
 */
export function connectorClient(url: () => string, doc: () => unknown) {
  return async (body: unknown, opts: { token?: string; type?: string; raw?: string } = {}): Promise<ConnectorReply> => {
    const r = await call(`${url()}connector/radius`, { method: 'POST', body: opts.raw ?? JSON.stringify(body),
      headers: { 'content-type': opts.type ?? 'application/json', authorization: `Bearer ${opts.token ?? KEY}` } });
    const parsed = JSON.parse(r.text) as Record<string, unknown>;
    checkSchema(doc(), r.status === 200 ? 'ConnectorAccept' : 'ConnectorReject', parsed);
    return { status: r.status, body: parsed };
  };
}

const jsQR = jsQRModule as unknown as (data: Uint8ClampedArray, w: number, h: number) => { data: string } | null;

export function decodeQrPng(png: Buffer): string | undefined {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data;
}

export const phpAvailable = spawnSync('php', ['-v']).status === 0;

/** PHP's own unserialize() of `text`, re-encoded as JSON by PHP. */
export function phpUnserialize(text: string): unknown {
  const out = execFileSync('php', ['-r', '$v = unserialize(stream_get_contents(STDIN)); if ($v === false) exit(3); echo json_encode($v);'], { input: text });
  return JSON.parse(out.toString('utf8'));
}
