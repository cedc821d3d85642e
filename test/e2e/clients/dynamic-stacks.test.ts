// End to end (issue 19): the stacks that load their client from the served WSDLs at run time (Perl
// SOAP::Lite, Perl SOAP::WSDL after its documented wsdl2perl commands, Python suds and zeep, PHP
// SoapClient, npm soap and strong-soap; src/docs/soap-clients-dynamic.ts) each run the common scenario
// of support.ts against a real server of their own, in one client process (the npm ones in this one),
// through a recording proxy that checks what goes on the wire: the values typed as a real IDENTIKEY
// server requires them (Countersign itself also takes untyped ones).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DYNAMIC_STACKS } from '../../../src/docs/soap-clients-dynamic.js';
import { findTool, needTool } from '../support.js';
import { nodeSoapClient, strongSoapClient } from './node-clients.js';
import { buildStack, LineClient, runScenario, stackById, startClientsServer, type ClientsServer, type ScenarioClient } from './support.js';
import { expectTypedValues, startRecorder, type Recorder } from './wire.js';

const HERE = fileURLToPath(new URL('../../../../test/e2e/clients/', import.meta.url));
const PYTHON = ['python3', '/usr/bin/python3'];

/** The served WSDLs as one client reaches them: every address form docs/soap-api.md gives is used by some stack. */
interface Urls { readonly authWsdl: string; readonly adminWsdl: string }
const FORMS = {
  query: (base: string): Urls => ({ authWsdl: `${base}?wsdl`, adminWsdl: `${base}?wsdl=Administration` }),
  path: (base: string): Urls => ({ authWsdl: `${base}?wsdl`, adminWsdl: `${base}Administration?wsdl` }),
  file: (base: string): Urls => ({ authWsdl: `${base}wsdl/Authentication.wsdl`, adminWsdl: `${base}wsdl/Administration.wsdl` }),
};

interface Run { readonly server: ClientsServer; readonly urls: Urls; readonly command: string }
interface DynamicStack {
  readonly id: string;
  readonly form: keyof typeof FORMS;
  /** The toolkit's command and its presence check; none for the npm clients. */
  readonly tool?: { readonly commands: string[]; readonly check: string[] };
  open(run: Run): Promise<ScenarioClient & { close?(): void }>;
}

/** A line client script of this folder, given both WSDL URLs. */
const script = (file: string) => async ({ server, urls, command }: Run) => new LineClient(command, [join(HERE, file), urls.authWsdl, urls.adminWsdl], server.work);

const STACKS: readonly DynamicStack[] = [
  { id: 'soap-lite', form: 'query', tool: { commands: ['perl'], check: ['-MSOAP::Lite', '-e', '1'] }, open: script('soap-lite-client.pl') },
  {
    id: 'soap-wsdl', form: 'path', tool: { commands: ['perl'], check: ['-MSOAP::WSDL', '-e', '1'] },
    open: async ({ server, urls, command }) => {
      await buildStack(stackById('soap-wsdl'), { ...server, ...urls });
      return new LineClient(command, ['-Ilib', join(HERE, 'soap-wsdl-client.pl')], server.work);
    },
  },
  { id: 'suds', form: 'query', tool: { commands: PYTHON, check: ['-c', 'import suds'] }, open: script('suds-client.py') },
  { id: 'zeep', form: 'path', tool: { commands: PYTHON, check: ['-c', 'import zeep'] }, open: script('zeep-client.py') },
  { id: 'php', form: 'file', tool: { commands: ['php'], check: ['-r', 'exit(class_exists("SoapClient") ? 0 : 1);'] }, open: script('php-client.php') },
  { id: 'node-soap', form: 'path', open: ({ urls }) => nodeSoapClient(urls.authWsdl, urls.adminWsdl) },
  { id: 'strong-soap', form: 'query', open: ({ urls }) => strongSoapClient(urls.authWsdl, urls.adminWsdl) },
];

// The docs' table says every stack of src/docs/soap-clients-dynamic.ts works: each must run here.
if (STACKS.map((s) => s.id).join() !== DYNAMIC_STACKS.map((s) => s.id).join()) throw new Error('dynamic-stacks.test.ts and DYNAMIC_STACKS list different stacks');

for (const dynamic of STACKS) {
  const stack = stackById(dynamic.id);
  describe(`client stacks loaded at run time: ${stack.name}`, function () {
    this.timeout(120_000);
    let server: ClientsServer | undefined;
    let wire: Recorder | undefined;
    let client: (ScenarioClient & { close?(): void }) | undefined;
    let command = process.execPath;

    before(async function () {
      if (dynamic.tool) command = needTool(this, findTool(dynamic.tool.commands, dynamic.tool.check), stack.name, stack.debian);
      server = await startClientsServer();
      wire = await startRecorder(server.url);
    });
    after(async () => { client?.close?.(); await wire?.close(); await server?.stop(); });

    it('loads both services from the served WSDLs, authenticates, answers a challenge and administers', async () => {
      client = await dynamic.open({ server: server!, urls: FORMS[dynamic.form](wire!.url), command });
      await runScenario(stack, client);
      expectTypedValues(wire!.bodies);
    });
  });
}
