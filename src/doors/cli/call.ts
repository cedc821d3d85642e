// `countersign call <operation> --field NAME=VALUE ...`: builds the SOAP request from named fields
// (codec/request.ts), sends it to a running server and prints the request and the answer, so an
// integrator can try an operation without writing XML. Secrets are masked in what is printed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { PROJECT_ROOT } from '../../main.js';
import { defaultOperations } from '../soap/operations/index.js';
import { buildRequest, parseNamedField, type RequestShape } from '../soap/codec/request.js';
import { maskSecrets } from '../../record/mask.js';
import { attributeMap, describeResponse, responseInfo } from '../../record/soap-info.js';
import { parseXml, soapOperation } from '../../record/xml.js';

export interface CallOptions { field: string[]; url?: string; showSecrets?: boolean; json?: boolean; timeout: string }

export async function callCommand(operation: string, opts: CallOptions): Promise<void> {
  const xml = buildRequest(shapeOf(operation), opts.field.map(parseNamedField));
  const url = opts.url ?? `http://localhost:${loadConfig(process.env, { logLevel: 'silent' }).httpPort}/`;
  const res = await post(url, xml, Number(opts.timeout));
  const shown = (text: string) => (opts.showSecrets ? text : maskSecrets(Buffer.from(text, 'utf8')).body.toString('utf8'));
  const info = responseInfo(parseXml(res.body));
  const op = soapOperation(parseXml(res.body));
  const attributes = op ? Object.fromEntries([...attributeMap(op)].map(([id, v]) => [id, shown(v)])) : {};
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ url, request: shown(xml), httpStatus: res.status, response: shown(res.body), ...info, attributes })}\n`);
  } else {
    process.stdout.write(`POST ${url}\n${shown(xml)}\nHTTP ${res.status}\n${indentXml(shown(res.body))}\n\n`);
    process.stdout.write(`${info.codes?.returnEnum ?? ''} ${describeResponse(info)}\n`.trimStart());
    for (const [id, value] of Object.entries(attributes)) process.stdout.write(`  ${id} = ${value}\n`);
  }
  if (info.codes?.returnCode !== 0) process.exitCode = 1;
}

/** The operation's attribute set (from the registry the server dispatches with) and its WSDL. */
function shapeOf(operation: string): RequestShape {
  const handler = defaultOperations().get(operation);
  if (!handler) throw new Error(`unknown operation "${operation}"; one of: ${[...defaultOperations().keys()].join(', ')}`);
  const adminWsdl = readFileSync(resolve(PROJECT_ROOT, 'wsdl', 'Administration.wsdl'), 'utf8');
  return { operation, container: handler.container, administration: adminWsdl.includes(`<wsdl:operation name="${operation}">`) };
}

async function post(url: string, body: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    throw new Error(`no answer from ${url} (${cause}); start the server with \`npm start\` or give its address with --url`);
  }
  return { status: res.status, body: await res.text() };
}

/** One element a line, indented by depth (the server's answers have no mixed content). */
export function indentXml(xml: string): string {
  const out: string[] = [];
  let depth = 0;
  let open = false;
  for (const token of xml.trim().replace(/>\s+</g, '><').split(/(?=<)/)) {
    if (token.startsWith('</')) {
      depth -= 1;
      if (open) out[out.length - 1] += token;
      else out.push(`${'  '.repeat(depth)}${token}`);
      open = false;
    } else {
      out.push(`${'  '.repeat(depth)}${token}`);
      open = !/^<[?!]|\/>$/.test(token);
      if (open) depth += 1;
    }
  }
  return out.join('\n');
}
