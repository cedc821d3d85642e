// The OpenAPI 3 document of the REST routes (spec: other-frontends.md §2, §3, §4), served at /openapi.json;
// the end-to-end tests check JSON answers (format=1) against its response schemas.
import { PRODUCT } from '../../runtime/product.js';
import { MFA_PATHS, MFA_SCHEMAS } from './mfa/openapi.js';

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const query = (name: string, description: string, required = false) => ({ name, in: 'query', required, description, schema: str });
const apiKeyParams = [query('api_key', 'API key (also accepted as the X-API-Key header or a body field)'), query('format', '1 JSON, 2 XML, 3 plain, 0 (default) PHP-serialized')];
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });

export const OPENAPI = {
  openapi: '3.0.3',
  info: { title: 'Countersign REST doors', version: PRODUCT.version, description: 'Appliance-style enrolment and validation API, MFA initialisation for a gateway and the RADIUS connector endpoint (docs/rest-api.md in the Countersign repository).' },
  paths: {
    ...MFA_PATHS,
    '/createuser': {
      get: { operationId: 'createUser', parameters: [...apiKeyParams, query('email', 'User e-mail'), query('phone', 'User phone'), query('type', '0: TOTP'), query('pin', 'Optional server PIN')],
        responses: { 200: { description: 'Created, or refused with success=false', content: json('CreateUserResult') } } },
    },
    '/validate': {
      get: { operationId: 'validate', parameters: [...apiKeyParams, query('userid', 'The userid createuser returned'), query('token', 'The OTP (also the X-Token header or a body field)')],
        responses: { 200: { description: 'Verdict', content: json('ValidateResult') },
          429: { description: 'Too many failed attempts for this user or from this address: validation false, wait Retry-After seconds', content: json('ValidateResult') } } },
    },
    '/api.php': {
      get: { operationId: 'listUsers', parameters: [...apiKeyParams, query('action', 'listusers', true)],
        responses: { 200: { description: 'Users enrolled through createuser (JSON unless format says otherwise)', content: { 'application/json': { schema: { anyOf: [{ $ref: '#/components/schemas/UserList' }, { $ref: '#/components/schemas/Failure' }] } } } } } },
    },
    '/hashqr/{token}.png': {
      get: { operationId: 'hashQr', parameters: [{ name: 'token', in: 'path', required: true, schema: str }],
        responses: { 200: { description: 'QR code of the otpauth:// URI', content: { 'image/png': {} } }, 404: { description: 'Unknown or expired' } } },
    },
    '/connector/radius': {
      post: { operationId: 'radiusConnector', security: [{ bearer: [] }],
        requestBody: { required: true, content: json('ConnectorRequest') },
        responses: Object.fromEntries([[200, { description: 'Access approved', content: json('ConnectorAccept') }],
          ...[400, 401, 405, 413, 415, 422, 429, 500].map((s) => [s, { description: s === 429 ? 'Rate limited: wait Retry-After seconds' : 'Access rejected', content: json('ConnectorReject') }])]) },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key (/connector/radius) or an MFA token (/authentication/otp...)' } },
    schemas: {
      ...MFA_SCHEMAS,
      Failure: { type: 'object', required: ['response'], additionalProperties: false, properties: { response: str, success: { enum: [false] }, validation: { enum: [false] } } },
      CreateUserResult: { anyOf: [
        { type: 'object', additionalProperties: false, required: ['response', 'userid', 'success', 'hash', 'hashqr'],
          properties: { response: str, userid: str, success: { enum: [true] }, hash: { type: 'string', pattern: '^[A-Z2-7]+$' }, hashqr: { type: 'string', pattern: '^https?://' } } },
        { $ref: '#/components/schemas/Failure' },
      ] },
      ValidateResult: { anyOf: [
        { type: 'object', additionalProperties: false, required: ['response', 'userid', 'validation'], properties: { response: str, userid: str, validation: bool } },
        { $ref: '#/components/schemas/Failure' },
      ] },
      ConnectorRequest: { type: 'object', required: ['login'], properties: { login: str, password: str, auth_port: { oneOf: [{ type: 'integer', minimum: 1, maximum: 65535 }, { type: 'string', pattern: '^[0-9]{1,5}$' }], description: 'NAS port: a number, or digits in a string as the connector sends it' }, mschap_challenge: { type: 'string', pattern: '^(0[xX])?[0-9A-Fa-f]{32}$', description: 'MS-CHAP-Challenge (16 bytes, hex)' },
        mschap_response: { type: 'string', pattern: '^(0[xX])?([0-9A-Fa-f]{98}|[0-9A-Fa-f]{100})$', description: 'MS-CHAP2-Response value (50 bytes, or 49 without Ident, hex)' } } },
      ConnectorAccept: { type: 'object', additionalProperties: false, required: ['id', 'login', 'attributes'], properties: { id: str, login: str, valid_from: str, valid_until: str,
        mschap2_success: { type: 'string', pattern: '^S=[0-9A-F]{40}$', description: 'MS-CHAPv2 only: the authenticator response for MS-CHAP2-Success' },
        attributes: { type: 'array', items: { type: 'object', required: ['name', 'value', 'op'], properties: { name: str, value: str, op: str } } } } },
      ConnectorReject: { type: 'object', additionalProperties: false, required: ['errors'], properties: { errors: { type: 'array', minItems: 1, items: str } } },
      UserList: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['userid', 'username', 'registered'],
        properties: { userid: str, username: str, registered: { type: 'string', pattern: '^\\d{4}-\\d\\d-\\d\\dT' } } } },
    },
  },
} as const;
