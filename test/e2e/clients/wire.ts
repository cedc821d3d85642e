// What the clients really send: a pass-through HTTP proxy in front of the server that keeps each request
// body (the Host header goes through unchanged, so the served WSDLs point the clients back at the proxy),
// and the check that values are typed as a real IDENTIKEY server requires (the server itself is lenient).
import { expect } from 'chai';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorder { readonly url: string; readonly bodies: string[]; close(): Promise<void> }

export async function startRecorder(target: string): Promise<Recorder> {
  const to = new URL(target);
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST') bodies.push(body.toString('utf8'));
      const upstream = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`, bodies,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const XSD = 'http://www.w3.org/2001/XMLSchema';

/** The xsi:type of every value sent for `attributeID`, as `{XML Schema}local` when its prefix is XSD's. */
function typesSent(bodies: readonly string[], attributeID: string): string[] {
  const re = new RegExp(`<value\\b([^>]*)>[^<]*</value>\\s*<attributeID\\b[^>]*>${attributeID}</attributeID>`, 'g');
  return bodies.flatMap((body) => [...body.matchAll(re)].map((m) => {
    const type = /\b[\w-]+:type="(?:([\w-]+):)?([\w-]+)"/.exec(m[1]!);
    if (!type) return 'untyped';
    const bound = type[1] !== undefined && new RegExp(`xmlns:${type[1]}="${XSD}"`).test(body);
    return bound ? `{XML Schema}${type[2]}` : `${type[1] ?? ''}:${type[2]}`;
  }));
}

/** CREDFLD_PASSWORD_FORMAT went as xsd:unsignedInt and USERFLD_DISABLED as xsd:boolean, every time. */
export function expectTypedValues(bodies: readonly string[]): void {
  const format = typesSent(bodies, 'CREDFLD_PASSWORD_FORMAT');
  expect(format, 'CREDFLD_PASSWORD_FORMAT xsi:type').to.not.be.empty;
  expect(new Set(format), 'CREDFLD_PASSWORD_FORMAT xsi:type').to.deep.equal(new Set(['{XML Schema}unsignedInt']));
  expect(typesSent(bodies, 'USERFLD_DISABLED'), 'USERFLD_DISABLED xsi:type').to.deep.equal(['{XML Schema}boolean']);
  expect(new Set(typesSent(bodies, 'CREDFLD_USERID')), 'CREDFLD_USERID xsi:type').to.deep.equal(new Set(['{XML Schema}string']));
}
