// The npm clients of both served WSDLs, in process, for dynamic-stacks.test.ts: `soap` (createClientAsync
// with attributesKey '$attributes', as docs/soap-api.md says) and `strong-soap` (createClient), each
// running the scenario of scenario.ts. Values carry their xsi:type as each client writes attributes.
import * as soap from 'soap';
import { soap as strong } from 'strong-soap';
import { answerTo, type Outcome, type Plan, type Reply } from './scenario.js';

type Type = 'string' | 'unsignedInt' | 'boolean';
type Item = readonly [id: string, value: string | number | boolean, type?: Type];
type Tree = Record<string, unknown>;

/** One generated client as the scenario drives it. */
interface JsClient {
  readonly operations: string[];
  /** The operation's answer element's content (`authUserResponse` > ...). */
  call(op: string, args: object): Promise<Tree>;
  /** A value element's content with its xsi:type, in the client's own convention. */
  typed(value: Item[1], type: Type): unknown;
}

const XSD = 'http://www.w3.org/2001/XMLSchema';
const operationsOf = (described: Tree): string[] => Object.keys(Object.values(Object.values(described)[0] as Tree)[0] as Tree);
/** A leaf as the client gives it: the text itself, or `{ $value }` when the element had attributes. */
const leaf = (x: unknown): unknown => (x !== null && typeof x === 'object' && '$value' in x ? (x as { $value: unknown }).$value : x);
const list = (x: unknown): Tree[] => (x === undefined || x === null ? [] : [x].flat() as Tree[]);

function reply(results: Tree): Reply {
  const codes = results.resultCodes as Tree;
  const found = list((results.resultAttribute as Tree | undefined)?.attributes);
  return { status: String(leaf(codes.statusCodeEnum)), attributes: Object.fromEntries(found.map((a) => [String(leaf(a.attributeID)), leaf(a.value)])) };
}

async function run(auth: JsClient, admin: JsClient, plan: Plan): Promise<Outcome> {
  const attrs = (...items: Item[]) => ({ attributes: items.map(([id, v, t]) => ({ value: auth.typed(v, t ?? 'string'), attributeID: id })) });
  const credentials = (user: string, ...more: Item[]) => ({ credentialAttributeSet: attrs(['CREDFLD_COMPONENT_TYPE', 'SOAP Auth Client'],
    ['CREDFLD_USERID', user], ['CREDFLD_PASSWORD_FORMAT', 0, 'unsignedInt'], ...more) });
  const authUser = async (user: string, ...more: Item[]) => reply(((await auth.call('authUser', credentials(user, ...more))).authUserResults as Tree).results as Tree);
  const out: Partial<Outcome> & Tree = { operations: { auth: auth.operations, admin: admin.operations } };
  out.wrongOtp = await authUser(plan.user, ['CREDFLD_PASSWORD', plan.wrongPassword]);
  out.authUser = await authUser(plan.user, ['CREDFLD_PASSWORD', plan.password]);
  out.replay = await authUser(plan.user, ['CREDFLD_PASSWORD', plan.password]);
  out.challenge = reply((await auth.call('getChallenge', credentials(plan.challengeUser))).results as Tree);
  const challenge = out.challenge.attributes;
  out.answer = await authUser(plan.challengeUser, ['CREDFLD_CHALLENGE_KEY', String(challenge.CREDFLD_CHALLENGE_KEY)],
    ['CREDFLD_PASSWORD', answerTo(String(challenge.CREDFLD_CHALLENGE))]);

  const adminCall = async (op: string, args: object) => reply((await admin.call(op, args)).results as Tree);
  out.logon = await adminCall('logon', { attributeSet: attrs(['CREDFLD_USERID', plan.admin], ['CREDFLD_DOMAIN', plan.domain],
    ['CREDFLD_PASSWORD_FORMAT', 0, 'unsignedInt'], ['CREDFLD_PASSWORD', plan.adminPassword]) });
  const sessionID = String(out.logon.attributes.CREDFLD_SESSION_ID);
  const execute = (op: string, cmd: string, ...items: Item[]) => adminCall(op, { sessionID, cmd, attributeSet: attrs(...items) });
  const user: Item[] = [['USERFLD_USERID', plan.newUser], ['USERFLD_DOMAIN', plan.domain]];
  const serial: Item = ['DIGIPASSFLD_SERNO', plan.serial];
  out.userCreate = await execute('userExecute', 'USERCMD_CREATE', ...user, ['USERFLD_LOCAL_AUTH', 'Default'], ['USERFLD_BACKEND_AUTH', 'Default'],
    ['USERFLD_DISABLED', false, 'boolean'], ['USERFLD_LOCKED', false, 'boolean']);
  out.userView = await execute('userExecute', 'USERCMD_VIEW', ...user);
  out.assign = await execute('digipassExecute', 'DIGIPASSCMD_ASSIGN', serial, ['DIGIPASSFLD_ASSIGNED_USERID', plan.newUser], ['DIGIPASSFLD_DOMAIN', plan.domain]);
  out.digipassView = await execute('digipassExecute', 'DIGIPASSCMD_VIEW', serial);
  out.unassign = await execute('digipassExecute', 'DIGIPASSCMD_UNASSIGN', serial);
  out.userDelete = await execute('userExecute', 'USERCMD_DELETE', ...user);
  out.logoff = await adminCall('logoff', { sessionID });
  return out as Outcome;
}

/** npm `soap`: `soap.createClientAsync(url, { attributesKey: '$attributes' })`, `client.<op>Async(args)`. */
export async function nodeSoap(plan: Plan): Promise<Outcome> {
  const load = async (url: string): Promise<JsClient> => {
    const client = await soap.createClientAsync(url, { attributesKey: '$attributes' });
    return {
      operations: operationsOf(client.describe() as Tree),
      call: async (op, args) => ((await (client[`${op}Async`] as (a: object) => Promise<[Tree]>)(args))[0]),
      // `xsi_type` with its namespace declares the prefix; a plain 'xsi:type': 'xsd:...' would leave `xsd` undeclared.
      typed: (value, type) => ({ $value: value, $attributes: { xsi_type: { type, xmlns: XSD, prefix: 'xsd' } } }),
    };
  };
  return run(await load(plan.authWsdl), await load(plan.adminWsdl), plan);
}

interface StrongClient { describe(): Tree; [op: string]: unknown }

/** npm `strong-soap`: `soap.createClient(url, {}, callback)`, `client.<op>(args)` (a promise of { result }). */
export async function strongSoap(plan: Plan): Promise<Outcome> {
  const load = (url: string) => new Promise<JsClient>((resolve, reject) => {
    strong.createClient(url, {}, (err: Error | null, client: StrongClient) => {
      if (err) { reject(err); return; }
      resolve({
        operations: operationsOf(client.describe()),
        call: async (op, args) => (await (client[op] as (a: object) => Promise<{ result: Tree }>)(args)).result,
        typed: (value, type) => ({ $value: value, $attributes: { $xsiType: { type, xmlns: XSD } } }),
      });
    });
  });
  return run(await load(plan.authWsdl), await load(plan.adminWsdl), plan);
}
