// One suite per generated-client stack (issue 19): the stack's documented commands (src/docs/soap-clients.ts)
// generate proxies from the served WSDLs, the test's driver program is compiled against them, and the
// driver runs the common scenario against one real server. Each stack keeps a test file of its own.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTool, needTool } from '../support.js';
import { buildStack, LineClient, runChecked, runScenario, stackById, startClientsServer, type ClientsServer } from './support.js';

export interface GeneratedStack {
  /** The stack's id in the catalogue. */
  readonly id: string;
  /** A shell test that every tool and library the stack needs is installed. */
  readonly present: string;
  /** The driver program in test/e2e/clients/, and its name in the work folder. */
  readonly driver: string;
  readonly driverAs: string;
  /** The driver's build command, run in the work folder. */
  readonly compile: readonly [string, readonly string[]];
  /** The command that runs the built driver against `url`. */
  run(work: string, url: string): readonly [string, readonly string[]];
}

export function describeGeneratedStack(g: GeneratedStack): void {
  const stack = stackById(g.id);
  const driver = fileURLToPath(new URL(`../../../../test/e2e/clients/${g.driver}`, import.meta.url));
  const installed = findTool(['sh'], ['-c', g.present]);
  describe(`generated clients: ${stack.name}`, function () {
    this.timeout(300_000);
    let server: ClientsServer | undefined;
    let client: LineClient | undefined;

    before(async function () {
      needTool(this, installed, stack.name, stack.debian);
      server = await startClientsServer();
      await buildStack(stack, server);
      copyFileSync(driver, join(server.work, g.driverAs));
      await runChecked(g.compile[0], g.compile[1], server.work);
      const [command, args] = g.run(server.work, server.url);
      client = new LineClient(command, args, server.work);
    });
    after(async () => { client?.close(); await server?.stop(); });

    it('authenticates, answers a challenge and administers users and authenticators through both services', async () => {
      await runScenario(stack, client!);
    });
  });
}
