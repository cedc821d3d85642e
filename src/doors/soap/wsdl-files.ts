// Serving the WSDL and its XSDs (soap-wire.md §1): `GET <any path>?wsdl` answers Authentication.wsdl
// with schema imports pointed at `/wsdl/<file>`, and `GET /wsdl/<file>` answers the files of wsdlDir
// read once at start (a fixed name list: no path traversal). The endpoint address becomes the one used.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StatusCatalogue } from '../../domain/status.js';
import { WSDL_PLACEHOLDER_ADDRESS } from './decisions.js';
import { escapeXml } from './codec/xml.js';

export const MAIN_WSDL = 'Authentication.wsdl';
const FILE_NAME = /^[A-Za-z0-9_-]+\.(wsdl|xsd)$/;
const HOST = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

export type WsdlFiles = ReadonlyMap<string, string>;

/** Reads the WSDL folder; the StatusCodeEnum gains any status name that configuration renamed. */
export function loadWsdlFiles(dir: string, catalogue: StatusCatalogue): WsdlFiles {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    if (FILE_NAME.test(name)) files.set(name, withStatusNames(readFileSync(join(dir, name), 'utf8'), catalogue));
  }
  if (!files.has(MAIN_WSDL)) throw new Error(`${MAIN_WSDL} not found in ${dir}`);
  return files;
}

function withStatusNames(text: string, catalogue: StatusCatalogue): string {
  const at = text.indexOf('name="StatusCodeEnum"');
  if (at < 0) return text;
  const end = text.indexOf('</xsd:restriction>', at);
  const extra = Object.values(catalogue).map((r) => r.name).filter((n) => !text.includes(`value="${n}"`));
  if (end < 0 || extra.length === 0) return text;
  const added = extra.map((n) => `  <xsd:enumeration value="${escapeXml(n)}"/>\n      `).join('');
  return text.slice(0, end) + added + text.slice(end);
}

/** The base URL a client used (`http://host:port/`), when its Host header is a plain host name. */
export function baseUrl(host: string | undefined, encrypted: boolean): string | undefined {
  return host && HOST.test(host) ? `${encrypted ? 'https' : 'http'}://${host}/` : undefined;
}

/** The WSDL or XSD for a GET, or undefined when the request is not for one. */
export function wsdlDocument(files: WsdlFiles, path: string, query: string, base: string | undefined): string | undefined {
  const named = path.startsWith('/wsdl/') ? files.get(path.slice('/wsdl/'.length)) : undefined;
  const main = files.get(MAIN_WSDL);
  const asked = named ?? (main !== undefined && wantsWsdl(query) ? rootWsdl(main) : undefined);
  return asked !== undefined && base ? asked.replaceAll(WSDL_PLACEHOLDER_ADDRESS, base) : asked;
}

const wantsWsdl = (query: string): boolean =>
  query.split('&').some((p) => p.split('=')[0].toLowerCase() === 'wsdl');

/** Served from `/?wsdl`, relative schema locations would miss the /wsdl/ folder: make them absolute paths. */
const rootWsdl = (text: string): string => text.replace(/schemaLocation="([A-Za-z0-9_-]+\.xsd)"/g, 'schemaLocation="/wsdl/$1"');
