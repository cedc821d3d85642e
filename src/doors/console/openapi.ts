// The console API in /openapi.json (issue 21): paths made from the route table (so every route is
// documented as it is dispatched), and the schemas, whose request bodies are also what the API
// validates (ajv) before any use case runs.
import type { Route } from './route.js';

const str = { type: 'string' } as const;
const nstr = { type: 'string', nullable: true } as const;
const bool = { type: 'boolean' } as const;
const int = { type: 'integer' } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const obj = (required: string[], properties: Record<string, unknown>, extra = false) => ({ type: 'object', required, properties, additionalProperties: extra });
const text = (max: number, min = 0) => ({ type: 'string', minLength: min, maxLength: max });
const list = (item: string) => ({ type: 'array', items: ref(item) });

const authenticator = obj(['serial', 'kind', 'userId', 'domain', 'assigned', 'disabled', 'locked'], {
  serial: str, kind: str, userId: nstr, domain: nstr, assigned: bool, disabled: bool, locked: bool, graceUntil: { type: 'integer', nullable: true } }, true);
const userProps = { userId: str, domain: str, localAuth: str, backendAuth: nstr, disabled: bool, locked: bool, lockCount: int, hasPassword: bool, email: nstr, mobile: nstr,
  description: nstr, admin: bool, serials: { type: 'array', items: str }, createdAt: str, modifiedAt: nstr, expiresAt: nstr };
const userChanges = { localAuth: text(64), email: text(255), mobile: text(64), description: text(1024), disabled: bool };
const radius = obj(['address'], { address: text(64, 1), secret: text(256), name: text(255), requireMessageAuthenticator: bool });

export const CONSOLE_SCHEMAS: Record<string, unknown> = {
  ConsoleError: obj(['status', 'statusCode', 'message'], { status: str, statusCode: int, message: str,
    errors: { type: 'array', items: obj(['field', 'message'], { field: str, message: str }) } }),
  ConsoleLogon: obj(['userId', 'password'], { userId: text(255, 1), password: text(1024, 1), domain: text(255, 1) }),
  ConsoleSession: obj(['userId', 'domain', 'csrfToken', 'expiresAt', 'features'], { userId: str, domain: str, csrfToken: str, expiresAt: str,
    features: obj(['deviceSimulator', 'qa', 'version'], { deviceSimulator: bool, qa: bool, version: str }) }),
  ConsoleLoggedOff: obj(['loggedOff'], { loggedOff: { enum: [true] } }),
  ConsoleUser: obj(Object.keys(userProps), userProps),
  ConsoleUserList: list('ConsoleUser'),
  ConsoleUserDetail: obj([...Object.keys(userProps), 'authenticators', 'lastLogon'], { ...userProps, authenticators: list('ConsoleAuthenticator'),
    lastLogon: { ...obj(['at', 'door', 'serialNo'], { at: str, door: str, serialNo: nstr }), nullable: true } }),
  ConsoleNewUser: obj(['userId'], { userId: text(255, 1), domain: text(255, 1), password: text(1024, 1), admin: bool, ...userChanges }),
  ConsoleUserChanges: obj([], userChanges),
  ConsolePassword: obj(['password'], { password: text(1024, 1) }),
  ConsoleEnrol: obj([], { serial: text(64, 1) }),
  ConsoleNewVirtual: obj(['serial'], { serial: text(64, 1), delivery: { enum: ['email', 'sms'], description: 'Absent: the policy\'s virtualDelivery' },
    backup: bool, uses: { type: 'integer', minimum: 0, maximum: 1_000_000, description: 'Backup only: OTPs it may send (0 = no limit)' },
    days: { type: 'integer', minimum: 1, maximum: 3650, description: 'Backup only: days it stays usable' } }),
  ConsoleEnrolment: obj(['authenticator', 'uri', 'qr'], { authenticator: ref('ConsoleAuthenticator'), uri: { type: 'string', pattern: '^otpauth://totp/' },
    qr: { type: 'string', pattern: '^data:image/png;base64,', description: 'The QR code of `uri`' } }),
  ConsoleAuthenticator: authenticator,
  ConsoleAuthenticatorList: list('ConsoleAuthenticator'),
  ConsoleAssign: obj(['userId'], { userId: text(255, 1), domain: text(255, 1), graceDays: { type: 'integer', minimum: 0, maximum: 3650 } }),
  ConsolePin: obj(['pin'], { pin: text(64, 1) }),
  ConsoleAuditEntry: obj(['at', 'door', 'componentType', 'domain', 'userId', 'serialNo', 'status', 'statusCode', 'sourceAddress', 'detail'], {
    seq: int, at: str, door: str, componentType: str, domain: nstr, userId: nstr, serialNo: nstr, status: str, statusCode: int, sourceAddress: nstr, detail: nstr }),
  ConsoleAuditList: list('ConsoleAuditEntry'),
  ConsolePushList: obj(['deviceSimulator', 'transactions'], { deviceSimulator: bool, transactions: { type: 'array', items: obj(
    ['userId', 'domain', 'componentType', 'state', 'message', 'serials', 'createdAt', 'expiresAt'], { challengeKey: str, userId: str, domain: str,
      componentType: str, state: str, message: str, serials: { type: 'array', items: str }, createdAt: str, expiresAt: str }) } }),
  ConsolePushAnswer: obj(['serial'], { serial: text(64, 1) }),
  ConsolePushOutcome: obj(['status', 'statusCode', 'detail'], { status: str, statusCode: int, detail: nstr }),
  ConsoleQa: obj(['clock', 'now', 'codes'], { clock: str, now: str, codes: { type: 'array', items: obj(['serial', 'kind', 'otp', 'period', 'validForS'], {
    serial: str, kind: str, otp: str, period: { type: 'integer', nullable: true }, validForS: { type: 'integer', nullable: true } }) } }),
  ConsoleQaAuthUser: obj(['userId'], { userId: text(255, 1), domain: text(255), password: text(1024), componentType: text(255) }),
  ConsoleQaEnvelope: obj(['request'], { request: str }),
  ConsoleClient: obj(['componentType', 'policy', 'radius'], { componentType: str, policy: str, radius: { type: 'array', items: obj(['address', 'name', 'requireMessageAuthenticator'],
    { address: str, name: nstr, requireMessageAuthenticator: { type: 'boolean', nullable: true } }) } }),
  ConsoleClientList: list('ConsoleClient'),
  ConsoleNewClient: obj(['componentType', 'policy'], { componentType: text(255, 1), policy: text(255, 1), radius }),
  ConsoleClientChanges: obj([], { policy: text(255, 1), radius, removeAddress: text(64, 1) }),
  ConsolePolicy: obj(['name', 'settings', 'effective'], { name: str, settings: { type: 'object' }, effective: { type: 'object' } }),
  ConsolePolicyList: list('ConsolePolicy'),
  ConsoleNewPolicy: obj(['name'], { name: text(255, 1), settings: { type: 'object' } }),
  ConsolePolicyChanges: obj(['settings'], { settings: { type: 'object' } }),
  ConsoleImportJob: obj(['id', 'format', 'state', 'done', 'total', 'rate', 'etaS', 'startedAt', 'summary', 'message'], { id: str, format: { enum: ['csv', 'pskc'] },
    state: { enum: ['running', 'done', 'failed'] }, done: int, total: { type: 'integer', nullable: true }, rate: { type: 'number', nullable: true },
    etaS: { type: 'integer', nullable: true }, startedAt: str, summary: { type: 'object', nullable: true }, message: nstr }),
};

const ERRORS: Record<number, string> = {
  400: 'Bad value (the message names it)', 401: 'No session, or it expired: log on again', 403: 'Refused: without the CSRF token, from another origin, or not allowed',
  404: 'Not found', 409: 'Conflict with the current state', 413: 'Body too large', 415: 'Content-Type must be application/json', 422: 'The body breaks its schema: `errors` names each field',
  429: 'Too many attempts: retry later',
};

/** The OpenAPI operation of a route. */
function operation(r: Route) {
  const params = [...(r.path.match(/\{(\w+)\}/g) ?? []).map((p) => ({ name: p.slice(1, -1), in: 'path', required: true, schema: str })),
    ...Object.entries(r.query ?? {}).map(([name, description]) => ({ name, in: 'query', required: false, description, schema: str }))];
  const ok = r.stream ? { description: r.stream.description, content: { [r.stream.contentType]: {} } }
    : { description: 'Done', content: { 'application/json': { schema: ref(r.answer ?? 'ConsoleError') } } };
  const body = r.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(r.body) } } } }
    : r.upload ? { requestBody: { required: true, description: r.upload.description, content: { [r.upload.contentType]: { schema: { type: 'string', format: 'binary' } } } } } : {};
  const errors = Object.fromEntries(Object.entries(ERRORS).map(([code, description]) => [code, { description, content: { 'application/json': { schema: ref('ConsoleError') } } }]));
  return {
    operationId: r.operationId, summary: r.summary, tags: ['console'], ...(r.public ? {} : { security: [{ consoleSession: [], csrf: [] }] }),
    ...(params.length > 0 ? { parameters: params } : {}), ...body,
    responses: { [r.method === 'POST' && /Create|Enrol|Start/.test(r.operationId) ? (r.upload ? 202 : 201) : 200]: ok, ...errors },
  };
}

export function consoleOpenApi(routes: readonly Route[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) (paths[`/console/api${r.path}`] ??= {})[r.method.toLowerCase()] = operation(r);
  return {
    paths, schemas: CONSOLE_SCHEMAS,
    securitySchemes: {
      consoleSession: { type: 'apiKey', in: 'cookie', name: 'countersign-console', description: 'The session cookie POST /console/api/session sets (`__Secure-countersign-console` under TLS)' },
      csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'The session\'s csrfToken; every request other than GET must send it' },
    },
  };
}
