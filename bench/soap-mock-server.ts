// A peer of `npm run bench`: the fixed-answer mock a QA team would write with the `soap` package's
// server (`soap.listen`) on Countersign's own WSDL. Every authUser gets the same STAT_SUCCESS answer
// (user, domain and serial attributes, empty error stack); no store, no OTP, no audit.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as soap from 'soap';

const WSDL_DIR = resolve(fileURLToPath(import.meta.url), '../../../wsdl');

const typed = (value: string | number, type: string) => ({ $attributes: { 'xsi:type': type }, $value: value });
const attribute = (id: string, value: string) => ({ value: typed(value, 'xsd:string'), attributeID: id });

const SUCCESS = {
  authUserResults: {
    results: {
      resultCodes: {
        returnCodeEnum: 'RET_SUCCESS', statusCodeEnum: 'STAT_SUCCESS', returnCode: 0, statusCode: 0,
      },
      resultAttribute: {
        attributes: [attribute('CREDFLD_USERID', 'user0000000'), attribute('CREDFLD_DOMAIN', 'master'), attribute('CREDFLD_SERIAL_NO', 'BEN0000000')],
      },
      errorStack: {},
    },
  },
};

const services = {
  Authentication: {
    AuthenticationPort: {
      authUser: () => SUCCESS,
    },
  },
};

const server = createServer((req, res) => {
  res.statusCode = 404;
  res.end();
});
/**
 * node-soap's server finds a document/literal request's message by the Body element's name (`authUser`),
 * and our messages are called `authUserRequest`: the mock renames them, as a QA team would.
 */
const wsdl = readFileSync(join(WSDL_DIR, 'Authentication.wsdl'), 'utf8').replace(/(name="|tns:)(\w+)Request"/g, '$1$2"');
// The element is called `attributes`, node-soap's default key for XML attributes: rename that key.
soap.listen(server, {
  path: '/', services, xml: wsdl, uri: join(WSDL_DIR, 'Authentication.wsdl'),
  attributesKey: '$attributes', suppressStack: true,
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
