// The OpenAPI 3 paths and schemas of the MFA initialisation API (spec: other-frontends.md §3), merged
// into /openapi.json; the request schemas are also what the routes validate bodies against (ajv).
const str = { type: 'string' } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const error = (description: string) => ({ description, content: json('MfaError') });

const ERRORS = {
  400: error('Malformed JSON'),
  401: error('Missing, unknown or expired token, or the credentials were refused'),
  403: error('The user has authenticators but none can be used, or has none and self-enrolment is off'),
  405: error('Method not allowed (see Allow)'),
  406: error('Accept names no JSON type'),
  413: error('Body too large'),
  415: error('Content-Type is not application/json'),
  422: error('Validation failed: `errors` names each field'),
  429: error('Too many failed attempts from this address or for this user: wait Retry-After seconds'),
  500: error('Unexpected failure'),
  503: error('The password directory (target system) did not answer'),
};

const post = (operationId: string, summary: string, request: string, ok: string, bearer: boolean, required = true) => ({
  post: {
    operationId, summary, ...(bearer ? { security: [{ bearer: [] }] } : {}),
    requestBody: { required, content: json(request) },
    responses: { 200: { description: 'Done', content: json(ok) }, ...ERRORS },
  },
});

export const MFA_PATHS = {
  '/authentication': {
    ...post('mfaLogin', 'Check the user password; answers a partial token that only allows the MFA calls', 'MfaLoginRequest', 'MfaToken', false),
    get: { operationId: 'mfaToken', summary: 'What a partial or full token stands for', security: [{ bearer: [] }],
      responses: { 200: { description: 'The token is live', content: json('MfaTokenInfo') }, 401: ERRORS[401], 405: ERRORS[405], 406: ERRORS[406], 500: ERRORS[500] } },
  },
  '/authentication/otp/initialize': post('mfaInitialize', 'Which second factor comes next (a first TOTP is created for a user without authenticator)', 'MfaInitializeRequest', 'MfaInitializeResult', true, false),
  '/authentication/otp': post('mfaOtp', 'Verify the second factor; answers a full token', 'MfaOtpRequest', 'MfaToken', true),
};

const base64 = '^[A-Za-z0-9+/]*={0,2}$';

export const MFA_SCHEMAS = {
  MfaLoginRequest: { type: 'object', required: ['username', 'password'], properties: {
    username: { type: 'string', minLength: 1, maxLength: 255 }, password: { type: 'string', minLength: 1, maxLength: 1024 },
    domain: { type: 'string', minLength: 1, maxLength: 255 } } },
  MfaInitializeRequest: { type: 'object', properties: { userPassword: { type: 'string', minLength: 1, maxLength: 1024 } } },
  MfaOtpRequest: { type: 'object', required: ['otp'], properties: {
    otp: { type: 'string', maxLength: 256, description: 'The OTP (server PIN in front when the authenticator has one), a challenge response, or empty to start a push' },
    state: { type: 'string', minLength: 1, maxLength: 256, pattern: base64, description: 'The `state` of a Challenge answer' } } },
  MfaToken: { type: 'object', additionalProperties: false, required: ['token', 'tokenType', 'stage', 'expiresIn'], properties: {
    token: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' }, tokenType: { enum: ['Bearer'] }, stage: { enum: ['partial', 'full'] },
    expiresIn: { type: 'integer', minimum: 1 } } },
  MfaTokenInfo: { type: 'object', additionalProperties: false, required: ['username', 'domain', 'stage', 'expiresIn'], properties: {
    username: str, domain: str, stage: { enum: ['partial', 'full'] }, expiresIn: { type: 'integer', minimum: 1 } } },
  MfaInitializeResult: { oneOf: [
    { type: 'object', additionalProperties: false, required: ['type'], properties: { type: { enum: ['AlreadySeeded'] } } },
    { type: 'object', additionalProperties: false, required: ['type', 'secret', 'otpAuthUrl', 'barcode'], properties: {
      type: { enum: ['Secret'] }, secret: { type: 'string', pattern: '^[A-Z2-7]+=*$' }, otpAuthUrl: { type: 'string', pattern: '^otpauth://totp/' },
      barcode: { type: 'string', pattern: base64, description: 'The QR code of otpAuthUrl, a base64 JPEG' } } },
    { type: 'object', additionalProperties: false, required: ['type', 'responseMessage', 'state', 'timeout'], properties: {
      type: { enum: ['Challenge'] }, responseMessage: str, state: { type: 'string', pattern: base64 }, timeout: { type: 'integer', minimum: 1 } } },
    { type: 'object', additionalProperties: false, required: ['type', 'timeout', 'sendPassword'], properties: {
      type: { enum: ['Push'] }, timeout: { type: 'integer', minimum: 1 }, sendPassword: { type: 'boolean' } } },
  ] },
  MfaError: { type: 'object', additionalProperties: false, required: ['id', 'message'], properties: {
    id: str, message: str,
    errors: { type: 'array', minItems: 1, items: { type: 'object', additionalProperties: false, required: ['field', 'message'], properties: { field: str, message: str } } } } },
};
