// End to end (issue 19): Java proxies generated and compiled by JAX-WS RI's wsimport from the served WSDLs
// with the documented commands (src/docs/soap-clients.ts) run the common scenario against one real server.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTool, needTool } from '../support.js';
import { buildStack, LineClient, runChecked, runScenario, stackById, startClientsServer, type ClientsServer } from './support.js';

const stack = stackById('jaxws-java');
const DRIVER = fileURLToPath(new URL('../../../../test/e2e/clients/JaxwsClient.java', import.meta.url));
/** wsimport and the JAX-WS runtime (Debian jaxws, libjaxws-java) on a JDK. */
const RUNTIME = '/usr/share/java/jaxws-rt.jar';
const java = findTool(['sh'], ['-c', `command -v wsimport && command -v javac && test -f ${RUNTIME}`]) ? 'java' : undefined;

describe(`generated clients: ${stack.name}`, function () {
  this.timeout(300_000);
  let server: ClientsServer | undefined;
  let client: LineClient | undefined;

  before(async function () {
    needTool(this, java, stack.name, stack.debian);
    server = await startClientsServer();
    await buildStack(stack, server);
    copyFileSync(DRIVER, join(server.work, 'JaxwsClient.java'));
    await runChecked('javac', ['-nowarn', '-cp', `classes:${RUNTIME}`, '-d', 'classes', 'JaxwsClient.java'], server.work);
    client = new LineClient('java', ['-cp', `classes:${RUNTIME}`, 'JaxwsClient', server.url], server.work);
  });
  after(async () => { client?.close(); await server?.stop(); });

  it('authenticates, answers a challenge and administers users and authenticators through both services', async () => {
    await runScenario(stack, client!);
  });
});
