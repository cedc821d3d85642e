// The benchmark's floor: a bare Node HTTP server doing only the work any correct OTP-only authUser does
// on Countersign's store, without the engine or the SOAP codec: the XML check and parse (codec/tree.ts),
// one user-and-authenticators read, the secret opened, one HOTP window, the compare-and-set, one audit
// row, and a fixed answer. Countersign's distance to this row is what its engine and codec cost.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseXml, type XmlElement } from '../src/doors/soap/codec/tree.js';
import { STATUS } from '../src/domain/status.js';
import { hotp } from '../src/otp/hotp.js';
import { loadMasterKey } from '../src/store/masterkey.js';
import { openStore, type Store } from '../src/store/store.js';

const WINDOW = 20;
const answer = (code: 'RET_SUCCESS' | 'RET_FAILURE') => '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>'
  + '<AUTH-TYPES:authUserResponse xmlns:AUTH-TYPES="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication">'
  + `<authUserResults><results><resultCodes><returnCodeEnum>${code}</returnCodeEnum></resultCodes></results>`
  + '</authUserResults></AUTH-TYPES:authUserResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>';

/** CREDFLD_* attributeID → value of every `attributes` element anywhere in the document. */
function credentialFields(el: XmlElement, out = new Map<string, string>()): Map<string, string> {
  if (el.name === 'attributes') {
    const id = el.children.find((c) => c.name === 'attributeID')?.text;
    const value = el.children.find((c) => c.name === 'value')?.text;
    if (id !== undefined && value !== undefined) out.set(id, value);
  }
  for (const child of el.children) credentialFields(child, out);
  return out;
}

async function authenticate(store: Store, xml: string): Promise<boolean> {
  const fields = credentialFields(parseXml(xml));
  const userId = fields.get('CREDFLD_USERID') ?? '';
  const found = await store.findUserAndAuthenticators('master', userId);
  const a = found?.authenticators[0];
  if (!a) return false;
  let step = -1;
  for (let c = a.lastStep + 1; c <= a.lastStep + WINDOW && step < 0; c++) {
    if (hotp(a.secret, c, a.digits, a.algorithm) === fields.get('CREDFLD_PASSWORD')) step = c;
  }
  const ok = step >= 0 && (await store.advanceStep(a.id, step, a.drift));
  const status = ok ? 'SUCCESS' : 'OTP_INCORRECT';
  await store.record({ at: Date.now(), door: 'soap', componentType: fields.get('CREDFLD_COMPONENT_TYPE') ?? '', domain: 'master',
    userId, serialNo: a.serial, status, statusCode: STATUS[status].code, sourceAddress: '127.0.0.1', detail: null });
  return ok;
}

const key = await loadMasterKey(process.env.COUNTERSIGN_MASTER_KEY_FILE!);
const store = await openStore(process.env.COUNTERSIGN_DATABASE!, { masterKey: key.key, backgroundCheckpoints: true });
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    authenticate(store, Buffer.concat(chunks).toString('utf8')).catch(() => false).then((ok) => {
      const body = answer(ok ? 'RET_SUCCESS' : 'RET_FAILURE');
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => void store.close().then(() => process.exit(0))));
