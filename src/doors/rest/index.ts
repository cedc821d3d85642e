// The REST doors' dispatch (spec: other-frontends.md §2, §3, §4): the appliance-style Web API, its hashqr
// images, the MFA initialisation API, the RADIUS connector endpoint and /openapi.json. handleRest answers the paths it owns and returns false for any other.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAppliance, handleHashQr } from './appliance.js';
import { handleConnector } from './connector.js';
import { handleMfa } from './mfa/index.js';
import type { RestContext } from './context.js';
import { OPENAPI } from './openapi.js';
import { parseRequestTarget } from '../../runtime/request-target.js';
import { noteOf } from '../../runtime/request-log.js';

export type { RestContext } from './context.js';
export { apiKeySet, storeApiKeys } from './keys.js';

export type RestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createRestHandler(ctx: RestContext): RestHandler {
  const extra = ctx.openapiParts;
  const openapi = JSON.stringify(extra ? {
    ...OPENAPI, paths: { ...OPENAPI.paths, ...extra.paths },
    components: { securitySchemes: { ...OPENAPI.components.securitySchemes, ...extra.securitySchemes }, schemas: { ...OPENAPI.components.schemas, ...extra.schemas } },
  } : OPENAPI);
  return (req, res) => {
    // The SOAP endpoint (the WSDL's address) is never a REST route: no URL to parse for it.
    if (req.url === '/') return false;
    const url = parseRequestTarget(req.url);
    if (!url) return badTarget(res);
    if (url.pathname === '/openapi.json') {
      claim(req, url.pathname);
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(openapi) });
      res.end(openapi);
      return true;
    }
    const handled = handleAppliance(ctx, req, res, url) || handleHashQr(ctx, req, res, url) || handleMfa(ctx, req, res, url) || handleConnector(ctx, req, res, url);
    if (handled) claim(req, url.pathname);
    return handled;
  };
}

/** A target that is neither a path nor an http(s) URL (`http://`, `http://[`): no door can route it. */
function badTarget(res: ServerResponse): true {
  const text = 'Bad request target: send a path such as /authentication or /?wsdl\n';
  res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), Connection: 'close' });
  res.end(text);
  return true;
}

/** The request log names a REST request by method and route, never by its raw path (a hashqr path holds a token). */
function claim(req: IncomingMessage, path: string): void {
  const note = noteOf(req);
  if (!note) return;
  note.door = 'rest';
  note.operation = `${req.method ?? 'GET'} ${path.startsWith('/hashqr/') ? '/hashqr/{token}.png' : path}`;
}
