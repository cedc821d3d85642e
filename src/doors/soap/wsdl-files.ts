// Serving the WSDLs and their XSDs (soap-wire.md §1, §4): `GET <path>?wsdl` answers Authentication.wsdl,
// or Administration.wsdl for `?wsdl=Administration` or a path ending in `/Administration`, with schema
// imports pointed at `<base>/wsdl/<file>` (absolute, on the Host the client used); `GET /wsdl/<file>` answers the files of wsdlDir read once at start
// (a fixed name list: no path traversal). The endpoint address becomes the one the client used.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StatusCatalogue } from '../../domain/status.js';
import { WSDL_PLACEHOLDER_ADDRESS } from './decisions.js';
import { escapeXml } from './codec/xml.js';

export const MAIN_WSDL = 'Authentication.wsdl';
export const ADMIN_WSDL = 'Administration.wsdl';
/** The services a `?wsdl` request can name (by `?wsdl=<name>` or the last path segment), lower case. */
const SERVICES: Readonly<Record<string, string>> = { authentication: MAIN_WSDL, administration: ADMIN_WSDL };
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
export function wsdlDocument(files: WsdlFiles, rawPath: string, query: string, base: string | undefined): string | undefined {
  const path = rawPath.replace(/^\/{2,}/, '/');
  const named = path.startsWith('/wsdl/') ? files.get(path.slice('/wsdl/'.length)) : undefined;
  const wanted = named === undefined ? wsdlAsked(path, query) : undefined;
  const main = wanted === undefined ? undefined : files.get(wanted);
  const asked = named ?? main;
  if (asked === undefined) return undefined;
  if (!base) return named ?? rootWsdl(asked, '/wsdl/');
  return rootWsdl(asked, `${base}wsdl/`).replaceAll(WSDL_PLACEHOLDER_ADDRESS, base);
}

/**
 * The WSDL file a `?wsdl` query asks for: the service named by `wsdl=<name>` (`Administration`,
 * `Administration.wsdl`), else by the last path segment (`/Administration?wsdl`), else Authentication.
 * Undefined when the query has no `wsdl` parameter.
 */
export function wsdlAsked(path: string, query: string): string | undefined {
  const param = query.split('&').map((p) => p.split('=')).find(([key]) => key.toLowerCase() === 'wsdl');
  if (!param) return undefined;
  return serviceFile(param[1] ?? '') ?? serviceFile(path.split('/').filter((s) => s !== '').pop() ?? '') ?? MAIN_WSDL;
}

function serviceFile(name: string): string | undefined {
  const key = name.toLowerCase().replace(/\.wsdl$/, '');
  return Object.hasOwn(SERVICES, key) ? SERVICES[key] : undefined;
}

/**
 * Schema locations that resolve wherever the document was fetched from: absolute URLs on the Host the
 * client used (gSOAP's wsdl2h joins `/wsdl/x.xsd` to `http://host/?wsdl` as `//wsdl/x.xsd`), else the
 * absolute path `/wsdl/<file>` (a document fetched from `/wsdl/` keeps its relative ones then).
 */
const rootWsdl = (text: string, folder: string): string =>
  text.replace(/schemaLocation="([A-Za-z0-9_-]+\.xsd)"/g, (_m, file: string) => `schemaLocation="${escapeXml(folder)}${file}"`);
