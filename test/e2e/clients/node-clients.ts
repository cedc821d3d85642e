// The npm clients of both served WSDLs, in process, for dynamic-stacks.test.ts: `soap` (createClientAsync
// with attributesKey '$attributes', as docs/soap-api.md says) and `strong-soap` (createClient), each a
// ScenarioClient of support.ts taking the same request fields as the line clients and answering the same.
import * as soap from 'soap';
import { soap as strong } from 'strong-soap';
import type { Answer, ScenarioClient } from './support.js';

type Tree = Record<string, unknown>;

/** One loaded client: an operation's answer element content, and a value with its xsi:type in the client's convention. */
interface Loaded {
  call(op: string, args: object): Promise<Tree>;
  typed(value: string | number | boolean, type: string): unknown;
}

const XSD = 'http://www.w3.org/2001/XMLSchema';
const TYPES: Readonly<Record<string, string>> = { '': 'string', u: 'unsignedInt', b: 'boolean' };

/** A leaf as the client gives it: the text itself, or `{ $value }` when the element had attributes. */
const leaf = (x: unknown): unknown => (x !== null && typeof x === 'object' && '$value' in x ? (x as { $value: unknown }).$value : x);
const text = (v: unknown): string => (v instanceof Date ? v.toISOString() : v === undefined || v === null ? '' : String(v));

function answerOf(results: Tree): Answer {
  const codes = results.resultCodes as Tree;
  const found = [(results.resultAttribute as Tree | undefined)?.attributes ?? []].flat() as Tree[];
  return {
    status: text(leaf(codes.statusCodeEnum)), code: Number(leaf(codes.statusCode)),
    attributes: Object.fromEntries(found.map((a) => [text(leaf(a.attributeID)), text(leaf(a.value))])),
  };
}

function scenarioClient(auth: Loaded, admin: Loaded): ScenarioClient {
  /** `ID=value`, `ID:u=value` (xsd:unsignedInt), `ID:b=value` (xsd:boolean) -> an attribute set. */
  const attrs = (fields: readonly string[]) => ({ attributes: fields.map((field) => {
    const [name = '', value = ''] = [field.slice(0, field.indexOf('=')), field.slice(field.indexOf('=') + 1)];
    const [id, kind = ''] = name.split(':');
    return { value: auth.typed(kind === 'u' ? Number(value) : kind === 'b' ? value === 'true' : value, TYPES[kind]!), attributeID: id };
  }) });
  const results = async (client: Loaded, op: string, args: object) => answerOf((await client.call(op, args)).results as Tree);
  const call = async (op: string | undefined, rest: readonly string[]): Promise<Answer> => {
    switch (op) {
      case 'authUser': return answerOf(((await auth.call('authUser', { credentialAttributeSet: attrs(rest) })).authUserResults as Tree).results as Tree);
      case 'getChallenge': return results(auth, 'getChallenge', { credentialAttributeSet: attrs(rest) });
      case 'logon': return results(admin, 'logon', { attributeSet: attrs(rest) });
      case 'logoff': return results(admin, 'logoff', { sessionID: rest[0] });
      case 'userExecute': case 'digipassExecute': return results(admin, op, { sessionID: rest[0], cmd: rest[1], attributeSet: attrs(rest.slice(2)) });
      default: throw new Error(`unknown operation ${op}`);
    }
  };
  return {
    ask: async ([op, ...rest]) => {
      try { return await call(op, rest); } catch (e) { return { status: 'ERROR', code: -1, attributes: { message: (e as Error).message } }; }
    },
  };
}

/** npm `soap`: `soap.createClientAsync(url, { attributesKey: '$attributes' })`, `client.<op>Async(args)`. */
export async function nodeSoapClient(authWsdl: string, adminWsdl: string): Promise<ScenarioClient> {
  const load = async (url: string): Promise<Loaded> => {
    const client = await soap.createClientAsync(url, { attributesKey: '$attributes' });
    return {
      call: async (op, args) => (await (client[`${op}Async`] as (a: object) => Promise<[Tree]>)(args))[0],
      // `xsi_type` with its namespace declares the prefix; a plain 'xsi:type': 'xsd:...' leaves `xsd` undeclared.
      typed: (value, type) => ({ $value: value, $attributes: { xsi_type: { type, xmlns: XSD, prefix: 'xsd' } } }),
    };
  };
  return scenarioClient(await load(authWsdl), await load(adminWsdl));
}

/** npm `strong-soap`: `soap.createClient(url, {}, callback)`, `client.<op>(args)` (a promise of { result }). */
export async function strongSoapClient(authWsdl: string, adminWsdl: string): Promise<ScenarioClient> {
  const load = (url: string) => new Promise<Loaded>((resolve, reject) => {
    strong.createClient(url, {}, (err, client) => {
      if (err) { reject(err); return; }
      resolve({
        call: async (op, args) => (await (client[op] as (a: object) => Promise<{ result: Tree }>)(args)).result,
        typed: (value, type) => ({ $value: value, $attributes: { $xsiType: { type, xmlns: XSD } } }),
      });
    });
  });
  return scenarioClient(await load(authWsdl), await load(adminWsdl));
}
