// End to end (issue 19): the dynamic-language SOAP stacks (Perl SOAP::Lite and SOAP::WSDL, Python suds
// and zeep, PHP SoapClient, the npm soap and strong-soap clients) load or generate their client from the
// WSDLs the server serves, at test time, and each runs the whole scenario of scenario.ts in one process
// against one real server (through a recording proxy: the values must go typed as a real IDENTIKEY server
// requires them). Each stack gets its own two minutes of the server's frozen clock (fresh TOTPs).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { unassignAuthenticator } from '../../../src/admin/digipass.js';
import type { AdminServices } from '../../../src/admin/services.js';
import { findTool, needTool, startE2E, type E2E } from '../support.js';
import { nodeSoap, strongSoap } from './node-clients.js';
import { expectOutcome, planFor, runScript, type Outcome, type Plan, type WSDL_FORMS } from './scenario.js';
import { expectTypedValues, startRecorder, type Recorder } from './wire.js';

const T = Date.UTC(2026, 5, 1, 9, 0, 0);
const HERE = fileURLToPath(new URL('../../../../test/e2e/clients/', import.meta.url));
const PYTHON = ['python3', '/usr/bin/python3'];

interface Stack {
  readonly name: string;
  /** Names the user it creates (`<id>.user`). */
  readonly id: string;
  readonly form: keyof typeof WSDL_FORMS;
  /** The toolkit's command, its presence check and its Debian packages; none for the npm clients. */
  readonly tool?: { readonly commands: string[]; readonly check: string[]; readonly packages: string };
  readonly run: (command: string, plan: Plan, dir: string) => Promise<Outcome>;
}

const script = (file: string) => (command: string, plan: Plan, dir: string) => runScript(command, [join(HERE, file), JSON.stringify(plan)], dir);

/** SOAP::WSDL: `wsdl2perl -b <dir> -p Auth|Admin <url>` for both WSDLs, then the client on those classes. */
async function soapWsdl(command: string, plan: Plan, dir: string): Promise<Outcome> {
  const lib = join(dir, 'soap-wsdl');
  await Promise.all([['Auth', plan.authWsdl], ['Admin', plan.adminWsdl]].map(([prefix, url]) =>
    promisify(execFile)('wsdl2perl', ['-b', lib, '-p', prefix!, url!], { cwd: dir })));
  return runScript(command, ['-I', lib, join(HERE, 'soap-wsdl-client.pl'), JSON.stringify(plan)], dir);
}

const STACKS: readonly Stack[] = [
  { name: 'Perl SOAP::Lite', id: 'soap-lite', form: 'query', tool: { commands: ['perl'], check: ['-MSOAP::Lite', '-e', '1'], packages: 'libsoap-lite-perl' },
    run: script('soap-lite-client.pl') },
  { name: 'Perl SOAP::WSDL (wsdl2perl)', id: 'soap-wsdl', form: 'path',
    tool: { commands: ['perl'], check: ['-MSOAP::WSDL', '-e', '1'], packages: 'libsoap-wsdl-perl' },
    run: soapWsdl },
  { name: 'Python suds', id: 'suds', form: 'query', tool: { commands: PYTHON, check: ['-c', 'import suds'], packages: 'python3-suds' }, run: script('suds-client.py') },
  { name: 'Python zeep', id: 'zeep', form: 'path', tool: { commands: PYTHON, check: ['-c', 'import zeep'], packages: 'python3-zeep' }, run: script('zeep-client.py') },
  { name: 'PHP SoapClient', id: 'php', form: 'file', tool: { commands: ['php'], check: ['-r', 'exit(class_exists("SoapClient") ? 0 : 1);'], packages: 'php-cli php-soap' },
    run: script('php-client.php') },
  { name: 'npm soap', id: 'node-soap', form: 'path', run: (_command, plan) => nodeSoap(plan) },
  { name: 'npm strong-soap', id: 'strong-soap', form: 'query', run: (_command, plan) => strongSoap(plan) },
];

describe('end to end: Perl, Python, PHP and npm SOAP clients from the served WSDLs', function () {
  this.timeout(60_000);
  let e: E2E;
  let wire: Recorder;
  let now = T;
  before(async () => {
    // Every stack makes two failed attempts for jane.doe (wrong OTP, replay): more than the per-user burst
    // of the rate limit (10, refilled in real time), which is not what this test is about.
    e = await startE2E({ now: () => now }, { COUNTERSIGN_RATE_LIMIT_USER_BURST: '0' });
    wire = await startRecorder(e.url);
  });
  after(async () => { await wire.close(); await e.stop(); });
  // A stack that fails half-way may leave the token assigned: free it, so the next stack's assign tests that stack.
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await unassignAuthenticator({ store: e.running.app.store } as AdminServices, 'VDS0000009');
  });

  STACKS.forEach((stack, i) => {
    it(`${stack.name}: authUser, wrong OTP, replay, challenge, admin logon, user create/view, digipass assign/view, logoff`, async function () {
      const command = stack.tool
        ? needTool(this, findTool(stack.tool.commands, stack.tool.check), stack.name, stack.tool.packages) : process.execPath;
      now = T + i * 120_000;
      const plan = planFor(wire.url, stack.id, stack.form, now);
      wire.bodies.length = 0;
      expectOutcome(await stack.run(command, plan, e.dir), plan);
      expectTypedValues(wire.bodies);
    });
  });
});
