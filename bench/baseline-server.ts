// The benchmark's baseline: a bare Node HTTP server that parses the same SOAP envelope with
// fast-xml-parser and returns a fixed authUser response. What Countersign is measured against.
import { createServer } from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import type { AddressInfo } from 'node:net';

const FIXED = '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>'
  + '<AUTH-TYPES:authUserResponse xmlns:AUTH-TYPES="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication">'
  + '<authUserResults><results><resultCodes><returnCodeEnum>RET_SUCCESS</returnCodeEnum></resultCodes></results>'
  + '</authUserResults></AUTH-TYPES:authUserResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>';

const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, processEntities: false, parseTagValue: false });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    parser.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
    res.end(FIXED);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
