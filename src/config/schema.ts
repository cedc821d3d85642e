// Configuration schema: one row per setting (key, environment name, default, doc, validator).
// Loaded once at start (load.ts), validated, frozen. docs/configuration.md is generated from it (npm run docs).
import { exemptList } from '../runtime/rate-limiter.js';
import { successTest } from '../delivery/sms-http.js';

export interface Setting<T> {
  readonly env: string;
  readonly default: T;
  readonly doc: string;
  readonly parse: (raw: unknown) => T;
}

const fail = (why: string): never => { throw new Error(why); };

export const int = (min: number, max: number) => (raw: unknown): number => {
  const n = typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw).trim()) ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : fail(`expected a whole number from ${min} to ${max}, got "${raw}"`);
};
const str = (check?: (s: string) => string | undefined) => (raw: unknown): string => {
  const s = String(raw);
  const problem = check?.(s);
  return problem ? fail(problem) : s;
};
const optionalStr = (raw: unknown): string | null => (raw === null || raw === '' ? null : String(raw));
const optionalPort = (raw: unknown): number | null => (raw === null || raw === '' ? null : int(0, 65535)(raw));
const bool = (raw: unknown): boolean => {
  const s = String(raw).toLowerCase();
  return ['1', 'true', 'yes', 'on'].includes(s) ? true : ['0', 'false', 'no', 'off'].includes(s) ? false : fail(`expected 1/0 or true/false, got "${raw}"`);
};
const oneOf = <T extends string>(...values: T[]) => (raw: unknown): T =>
  values.includes(String(raw) as T) ? (String(raw) as T) : fail(`expected one of ${values.join(', ')}, got "${raw}"`);
const database = str((s) => (/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(s) ? undefined : `expected sqlite:<path> or postgres://..., got "${s}"`));
const statusOverrides = (raw: unknown): Record<string, { code?: number; name?: string; message?: string }> => {
  const v = typeof raw === 'string' ? JSON.parse(raw) : raw;
  return v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, { code?: number }> : fail('expected an object such as {"OTP_REPLAY": {"code": 1008}}');
};

const jsonArray = (raw: unknown): unknown[] => {
  let v: unknown = raw;
  if (typeof raw === 'string') { try { v = JSON.parse(raw); } catch { return fail('expected a JSON array of objects'); } }
  return Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e)) ? v : fail('expected a JSON array of objects');
};

/** A comma-separated list or a JSON array of strings (addresses, CIDR blocks). */
const stringList = (raw: unknown): string[] => {
  const v = typeof raw === 'string' && raw.trim().startsWith('[') ? JSON.parse(raw) as unknown : raw;
  const list = Array.isArray(v) ? v : String(v).split(',');
  return list.every((e) => typeof e === 'string') ? list.map((e: string) => e.trim()).filter((e) => e !== '') : fail('expected a comma-separated list or a JSON array of strings');
};

/** A JSON object of strings (HTTP headers). */
const headerObject = (raw: unknown): Record<string, string> => {
  let v: unknown = raw;
  if (typeof raw === 'string') { try { v = JSON.parse(raw); } catch { return fail('expected a JSON object such as {"Authorization": "Bearer ..."}'); } }
  const ok = v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
  return ok ? v as Record<string, string> : fail('expected a JSON object of strings such as {"Authorization": "Bearer ..."}');
};
const httpUrl = (raw: unknown): string | null => {
  if (raw === null || raw === '') return null;
  const s = String(raw);
  return /^https?:\/\/[^\s]+$/.test(s) && URL.canParse(s.replace(/\{\w+\}/g, 'x')) ? s : fail(`expected an http:// or https:// URL, got "${s}"`);
};

export const SCHEMA = {
  httpPort: { env: 'COUNTERSIGN_HTTP_PORT', default: 8888, doc: 'TCP port of the SOAP (and HTTP) listener; 0 picks a free port.', parse: int(0, 65535) },
  httpHost: { env: 'COUNTERSIGN_HTTP_HOST', default: '0.0.0.0', doc: 'Address the listener binds to.', parse: str() },
  tlsKeyFile: { env: 'COUNTERSIGN_TLS_KEY_FILE', default: null, doc: 'PEM private key; with the certificate, serves HTTPS instead of HTTP.', parse: optionalStr },
  tlsCertFile: { env: 'COUNTERSIGN_TLS_CERT_FILE', default: null, doc: 'PEM certificate (chain) for HTTPS.', parse: optionalStr },
  database: { env: 'COUNTERSIGN_DATABASE', default: 'sqlite:data/countersign.db', doc: '`sqlite:<path>` (embedded default) or `postgres://user:pass@host/db`.', parse: database },
  secretCacheEntries: { env: 'COUNTERSIGN_SECRET_CACHE_ENTRIES', default: 0, doc: 'Authenticator secrets kept decrypted in memory once opened, oldest out first (the master key is in memory anyway); 0 decrypts every secret at every use. Pays off when the same authenticators authenticate again within the cache (RADIUS benchmark: ~10% more requests/s); about 0.2 KiB per entry.', parse: int(0, 10_000_000) },
  dbPoolSize: { env: 'COUNTERSIGN_DB_POOL_SIZE', default: 10, doc: 'Most PostgreSQL connections one node keeps open (its pg pool); several nodes together must stay under the server\'s `max_connections`. SQLite ignores it.', parse: int(2, 1000) },
  dbPreparedStatements: { env: 'COUNTERSIGN_DB_PREPARED_STATEMENTS', default: true, doc: 'PostgreSQL: run statements as named prepared statements, parsed and planned once per connection. `0` for connection poolers that cannot keep them (PgBouncer before 1.21, or without `max_prepared_statements`, in transaction mode). SQLite ignores it.', parse: bool },
  clock: { env: 'COUNTERSIGN_CLOCK', default: null, doc: 'Unset = real time; an ISO-8601 instant = frozen clock; `+90s`/`-2m`/`+1h`/`+1d` = offset (QA replays only).', parse: optionalStr },
  masterKeyFile: { env: 'COUNTERSIGN_MASTER_KEY_FILE', default: 'data/master.key', doc: 'File holding the 32-byte key that encrypts authenticator secrets (generated on first start when absent).', parse: str() },
  demo: { env: 'COUNTERSIGN_DEMO', default: true, doc: '`0` = do not load the demo seed into an empty store.', parse: bool },
  demoSeedFile: { env: 'COUNTERSIGN_DEMO_SEED', default: 'fixtures/demo-seed.json', doc: 'The seed loaded into an empty store.', parse: str() },
  deviceSimulator: { env: 'COUNTERSIGN_DEVICE_SIMULATOR', default: false, doc: '`1` = serve the push device simulator at `/device/<serial>/pending|approve|reject` on the SOAP port (signs with device secrets: tests and QA only).', parse: bool },
  logLevel: { env: 'COUNTERSIGN_LOG_LEVEL', default: 'info', doc: 'fatal, error, warn, info, debug, trace or silent.', parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent') },
  metrics: { env: 'COUNTERSIGN_METRICS', default: true, doc: '`GET /metrics` in the Prometheus text format (requests, latency, RADIUS drops, lockouts, pending pushes, store errors, process); `off` = no endpoint, nothing counted (prom-client is not even loaded). Labels hold no user data. See docs/operations/monitoring.md.', parse: bool },
  metricsPort: { env: 'COUNTERSIGN_METRICS_PORT', default: null, doc: 'Unset = `/metrics` on the HTTP port. A port = `/metrics` moves off the HTTP port to a plain-HTTP listener of its own at `COUNTERSIGN_METRICS_HOST` (which answers `/health` and `/ready` too), like Keycloak\'s management port; 0 picks a free port.', parse: optionalPort },
  metricsHost: { env: 'COUNTERSIGN_METRICS_HOST', default: '127.0.0.1', doc: 'Address of the metrics listener when `COUNTERSIGN_METRICS_PORT` is set (`0.0.0.0` for a Prometheus on another host).', parse: str() },
  maxBodyBytes: { env: 'COUNTERSIGN_MAX_BODY_BYTES', default: 65536, doc: 'Largest SOAP (and REST) request body accepted; larger ones get a Fault (REST: 413). At most 1 MiB (1048576): no operation needs more, bulk imports go through the CLI, and every body is parsed within bounded time and memory (docs/soap-input.md).', parse: int(1024, 1024 * 1024) },
  maxActive: { env: 'COUNTERSIGN_MAX_ACTIVE', default: 16, doc: 'SOAP and RADIUS requests worked on at once, together (XML or packet, engine, store, answer); more wait their turn in arrival order, holding only their received bytes. Working on every busy connection\'s request at once keeps them all alive through garbage collections: 16 took 25-45% less CPU per SOAP request than no limit on 32 to 512 connections (docs/benchmarks.md). A call held for a push approval gives its place back. `0` = no limit.', parse: int(0, 1_000_000) },
  httpIdleTimeoutMs: { env: 'COUNTERSIGN_HTTP_IDLE_TIMEOUT_MS', default: 10000, doc: 'A connection on which nothing moves for this long while the server waits on the client (a new connection before its first byte, a response the client does not read) is closed; never while the server itself is still working on a request (a held push call). 10 s: half of Apache\'s first-byte allowance (mod_reqtimeout `header=20`), since real clients send at once.', parse: int(100, 3_600_000) },
  httpHeadersTimeoutMs: { env: 'COUNTERSIGN_HTTP_HEADERS_TIMEOUT_MS', default: 20000, doc: 'The request line and headers must arrive within this time, else 408 and the connection is closed (Apache mod_reqtimeout `header=20`; nginx `client_header_timeout` is 60 s, Node\'s 60 s). Capped at the request timeout.', parse: int(100, 600_000) },
  httpRequestTimeoutMs: { env: 'COUNTERSIGN_HTTP_REQUEST_TIMEOUT_MS', default: 30000, doc: 'A whole request, headers and body, must arrive within this time, else 408 and the connection is closed: slow bodies are cut here, not after Node\'s 300 s. Bodies are at most `COUNTERSIGN_MAX_BODY_BYTES` (64 KiB by default, 2 KiB/s at 30 s); nginx allows 60 s between two reads of a body.', parse: int(100, 600_000) },
  httpKeepAliveTimeoutMs: { env: 'COUNTERSIGN_HTTP_KEEP_ALIVE_TIMEOUT_MS', default: 65000, doc: 'How long an idle keep-alive connection waits for its next request. Longer than the 60 s idle timeout of common load balancers (AWS ALB, nginx `keepalive_timeout` upstream pools of 60 s), so the balancer closes first and never sends on a connection the server just closed; nginx itself uses 75 s.', parse: int(100, 3_600_000) },
  httpMaxConnections: { env: 'COUNTERSIGN_HTTP_MAX_CONNECTIONS', default: 4096, doc: 'Most open HTTP connections per process (each worker has its own); past it a new connection is closed at once. Keep it below the descriptor limit (`ulimit -n`; Node raises the soft limit to the hard one) less the database pool and files: reaching that limit is what made normal calls fail. 4096 is four times nginx\'s example `worker_connections`; `0` = no cap.', parse: int(0, 1_000_000) },
  httpMaxConnectionsPerSource: { env: 'COUNTERSIGN_HTTP_MAX_CONNECTIONS_PER_SOURCE', default: 256, doc: 'Most open HTTP connections from one remote address (like nginx `limit_conn` per `$binary_remote_addr`), so one client cannot take every slot; a connection past it is closed at once. Behind a load balancer or NAT every connection has the same source: raise it above the balancer\'s pool; `0` = no cap.', parse: int(0, 1_000_000) },
  argon2MemoryKiB: { env: 'COUNTERSIGN_ARGON2_MEMORY_KIB', default: 19456, doc: 'argon2id memory cost for new PIN/password hashes (OWASP: 19456).', parse: int(1024, 4 * 1024 * 1024) },
  argon2TimeCost: { env: 'COUNTERSIGN_ARGON2_TIME_COST', default: 2, doc: 'argon2id iterations (OWASP: 2).', parse: int(1, 100) },
  argon2Parallelism: { env: 'COUNTERSIGN_ARGON2_PARALLELISM', default: 1, doc: 'argon2id lanes (OWASP: 1).', parse: int(1, 64) },
  statusOverrides: { env: 'COUNTERSIGN_STATUS_OVERRIDES', default: {}, doc: 'JSON object changing a status row\'s number, name or message, e.g. `{"OTP_REPLAY":{"code":1013}}`.', parse: statusOverrides },
  workers: { env: 'COUNTERSIGN_WORKERS', default: 1, doc: '`serve` runs this many worker processes sharing the HTTP port (node:cluster); `0` = one per CPU core. Every shared state is in the store, so workers behave as nodes; RADIUS runs in the first worker only (its retransmission cache is per process).', parse: int(0, 256) },
  workersStopTimeoutMs: { env: 'COUNTERSIGN_WORKERS_STOP_TIMEOUT_MS', default: 30000, doc: 'Worker mode: on SIGTERM/SIGINT the primary passes the signal to its workers and waits this long for them to finish their requests and exit, then kills those left and exits 0 (Kubernetes waits 30 s before SIGKILL; systemd 90 s).', parse: int(100, 600_000) },
  workersRestartDelayMs: { env: 'COUNTERSIGN_WORKERS_RESTART_DELAY_MS', default: 1000, doc: 'Worker mode: a worker that died is replaced after this delay, doubled at each further death within 30 s of its start (a crash loop, logged from the fifth), up to `COUNTERSIGN_WORKERS_RESTART_MAX_DELAY_MS`; the primary itself keeps running (like systemd `RestartSec` with Kubernetes-style back-off).', parse: int(10, 600_000) },
  workersRestartMaxDelayMs: { env: 'COUNTERSIGN_WORKERS_RESTART_MAX_DELAY_MS', default: 60000, doc: 'Worker mode: the longest delay between two restarts of a worker in a crash loop.', parse: int(10, 3_600_000) },
  radiusEnabled: { env: 'COUNTERSIGN_RADIUS_ENABLED', default: true, doc: '`serve` also starts the RADIUS door (UDP, PAP only); `0` = off.', parse: bool },
  radiusPort: { env: 'COUNTERSIGN_RADIUS_PORT', default: 1812, doc: 'UDP port of the RADIUS door; 0 picks a free port.', parse: int(0, 65535) },
  radiusHost: { env: 'COUNTERSIGN_RADIUS_HOST', default: '0.0.0.0', doc: 'Address the RADIUS door binds to (an IPv6 address opens a UDP6 socket).', parse: str() },
  radiusClients: { env: 'COUNTERSIGN_RADIUS_CLIENTS', default: [], doc: 'JSON array of RADIUS clients `{"address": "10.0.0.0/24", "secret": "...", "name"?, "componentType"? (default `RADIUS Client`), "requireMessageAuthenticator"?}`; the demo seed adds `127.0.0.1`/`testing123` while demo data is in the store.', parse: jsonArray },
  radiusRequireMessageAuthenticator: { env: 'COUNTERSIGN_RADIUS_REQUIRE_MESSAGE_AUTHENTICATOR', default: true, doc: 'Drop Access-Requests without a valid Message-Authenticator (BlastRADIUS); a client entry may relax it for old devices.', parse: bool },
  radiusReplyCacheMs: { env: 'COUNTERSIGN_RADIUS_REPLY_CACHE_MS', default: 10000, doc: 'How long an answer is kept to answer retransmissions (same source, port, identifier, authenticator) without authenticating again (at least this long, at most a quarter longer).', parse: int(0, 600_000) },
  restPartialTokenTtlS: { env: 'COUNTERSIGN_REST_PARTIAL_TOKEN_TTL_S', default: 300, doc: 'Lifetime in seconds of the partial token `POST /authentication` issues (REST MFA API: only the MFA calls accept it).', parse: int(10, 3600) },
  restTokenTtlS: { env: 'COUNTERSIGN_REST_TOKEN_TTL_S', default: 3600, doc: 'Lifetime in seconds of the full token `POST /authentication/otp` issues after a verified second factor (REST MFA API).', parse: int(10, 7 * 86400) },
  rateLimitUserBurst: { env: 'COUNTERSIGN_RATE_LIMIT_USER_BURST', default: 10, doc: 'Failed attempts one user name may make at once before further attempts get STAT_RATE_LIMITED (HTTP 429 on REST, Access-Reject on RADIUS), on every door and admin logon; a success gives its token back. Per process (each worker, each node); `0` = no limit per user. See docs/operations/rate-limits.md.', parse: int(0, 1_000_000) },
  rateLimitUserRefillMs: { env: 'COUNTERSIGN_RATE_LIMIT_USER_REFILL_MS', default: 2000, doc: 'Milliseconds in which a user\'s bucket regains one attempt (default: one every 2 s after the burst).', parse: int(1, 3_600_000) },
  rateLimitSourceBurst: { env: 'COUNTERSIGN_RATE_LIMIT_SOURCE_BURST', default: 100, doc: 'Failed attempts one source address (an IPv6 address by its /64) may make at once, whatever the user names; a gateway, portal or NAS is one source for all its users. `0` = no limit per source.', parse: int(0, 1_000_000) },
  rateLimitSourceRefillMs: { env: 'COUNTERSIGN_RATE_LIMIT_SOURCE_REFILL_MS', default: 100, doc: 'Milliseconds in which a source\'s bucket regains one attempt (default: 10 failed attempts a second sustained).', parse: int(1, 3_600_000) },
  rateLimitSourceExempt: { env: 'COUNTERSIGN_RATE_LIMIT_SOURCE_EXEMPT', default: [], doc: 'Addresses or CIDR blocks left out of the per-source limit, comma-separated (e.g. `10.0.0.5,192.0.2.0/24`): gateways, portals or NASes that limit their own clients; the per-user limit still applies to their users.', parse: (raw: unknown) => { const list = stringList(raw); exemptList(list); return list; } },
  rateLimitEntries: { env: 'COUNTERSIGN_RATE_LIMIT_ENTRIES', default: 100_000, doc: 'Most user names and most source addresses the rate limits track each (at most about 200 bytes an entry: longer names are kept as a digest); the least recently seen goes first.', parse: int(100, 10_000_000) },
  restSelfEnrolment: { env: 'COUNTERSIGN_REST_SELF_ENROLMENT', default: false, doc: 'REST MFA API: `1` = a user without authenticators gets a first TOTP (`Secret`) from `/authentication/otp/initialize` after the password alone. Off by default: whoever holds a stolen password could bind their own authenticator (privacyIDEA and Keycloak also enrol only where an administrator allows it); off, such users get 403 `self-enrolment-off`.', parse: bool },
  ldapUrl: { env: 'COUNTERSIGN_LDAP_URL', default: null, doc: 'LDAP/Active Directory for policies with target system `ldap`: `ldap://host:389` or `ldaps://host:636`.', parse: optionalStr },
  ldapBindDn: { env: 'COUNTERSIGN_LDAP_BIND_DN', default: null, doc: 'DN template to bind as the user, `{user}` and `{domain}` replaced, e.g. `uid={user},ou=people,dc=example,dc=org` or `{user}@example.org`; unset = search, then bind.', parse: optionalStr },
  ldapSearchBase: { env: 'COUNTERSIGN_LDAP_SEARCH_BASE', default: null, doc: 'Base DN of the user search (when no bind DN template is set).', parse: optionalStr },
  ldapSearchFilter: { env: 'COUNTERSIGN_LDAP_SEARCH_FILTER', default: '(uid={user})', doc: 'Filter of the user search, `{user}` and `{domain}` escaped and replaced (AD: `(sAMAccountName={user})`).', parse: str() },
  ldapServiceDn: { env: 'COUNTERSIGN_LDAP_SERVICE_DN', default: null, doc: 'DN the pooled search connection binds as (unset = anonymous search).', parse: optionalStr },
  ldapServicePassword: { env: 'COUNTERSIGN_LDAP_SERVICE_PASSWORD', default: null, doc: 'Password of the search DN (never logged).', parse: optionalStr },
  ldapConnectTimeoutMs: { env: 'COUNTERSIGN_LDAP_CONNECT_TIMEOUT_MS', default: 3000, doc: 'TCP/TLS connect timeout to the directory; past it the target system is unreachable (STAT_COMMS).', parse: int(100, 120_000) },
  ldapTimeoutMs: { env: 'COUNTERSIGN_LDAP_TIMEOUT_MS', default: 5000, doc: 'Timeout of each LDAP operation (bind, search); past it the target system is unreachable (STAT_COMMS).', parse: int(100, 120_000) },
  ldapPoolSize: { env: 'COUNTERSIGN_LDAP_POOL_SIZE', default: 8, doc: 'Idle LDAP connections kept for user binds (the search connection is one more).', parse: int(1, 256) },
  dbConnectTimeoutMs: { env: 'COUNTERSIGN_DB_CONNECT_TIMEOUT_MS', default: 10000, doc: 'PostgreSQL: longest wait for a connection (at start and for each new pooled one); past it `serve` stops with an error naming `COUNTERSIGN_DATABASE` instead of hanging. SQLite ignores it.', parse: int(100, 600_000) },
  smtpHost: { env: 'COUNTERSIGN_SMTP_HOST', default: null, doc: 'Virtual authenticators: the SMTP server that delivers one-time passwords by e-mail (see docs/virtual-otp.md); unset = no e-mail delivery (the outbox takes them when it is on).', parse: optionalStr },
  smtpPort: { env: 'COUNTERSIGN_SMTP_PORT', default: 587, doc: 'Port of the SMTP server (587 submission with STARTTLS, 465 with `tls`, 25 for a local relay).', parse: int(1, 65535) },
  smtpTls: { env: 'COUNTERSIGN_SMTP_TLS', default: 'starttls', doc: '`starttls` = upgrade and refuse a server that cannot; `tls` = TLS from the first byte (port 465); `none` = plain text (a relay on the same host only).', parse: oneOf('starttls', 'tls', 'none') },
  smtpTlsVerify: { env: 'COUNTERSIGN_SMTP_TLS_VERIFY', default: true, doc: 'Verify the SMTP server\'s certificate; `0` only for a test server with a self-signed one.', parse: bool },
  smtpUser: { env: 'COUNTERSIGN_SMTP_USER', default: null, doc: 'SMTP AUTH user name; unset = no authentication.', parse: optionalStr },
  smtpPasswordFile: { env: 'COUNTERSIGN_SMTP_PASSWORD_FILE', default: null, doc: 'File holding the SMTP AUTH password (its final newline dropped; keep it owner-only). Preferred over `COUNTERSIGN_SMTP_PASSWORD`.', parse: optionalStr },
  smtpPassword: { env: 'COUNTERSIGN_SMTP_PASSWORD', default: null, doc: 'The SMTP AUTH password itself (never logged); use the file where you can: the environment of a process is readable by its user.', parse: optionalStr },
  smtpFrom: { env: 'COUNTERSIGN_SMTP_FROM', default: null, doc: 'Sender address of the e-mails (`Countersign <otp@example.org>`); required with `COUNTERSIGN_SMTP_HOST`.', parse: optionalStr },
  smtpTimeoutMs: { env: 'COUNTERSIGN_SMTP_TIMEOUT_MS', default: 10000, doc: 'Connect, greeting and socket timeout of the SMTP server; a whole send is cut at twice this, and the logon answers STAT_COMMS.', parse: int(100, 120_000) },
  smsUrl: { env: 'COUNTERSIGN_SMS_URL', default: null, doc: 'Virtual authenticators: URL of the HTTP SMS gateway; `{to_url}` and `{message_url}` in it are replaced (URL-encoded) for GET gateways. Unset = no SMS delivery (the outbox takes them when it is on).', parse: httpUrl },
  smsMethod: { env: 'COUNTERSIGN_SMS_METHOD', default: 'POST', doc: 'HTTP method of the SMS gateway request: GET, POST or PUT.', parse: oneOf('GET', 'POST', 'PUT') },
  smsHeaders: { env: 'COUNTERSIGN_SMS_HEADERS', default: { 'Content-Type': 'application/json' }, doc: 'JSON object of request headers, e.g. `{"Content-Type": "application/json", "Authorization": "Bearer ..."}` (never logged).', parse: headerObject },
  smsBody: { env: 'COUNTERSIGN_SMS_BODY', default: '{"to":{to_json},"text":{message_json}}', doc: 'Body template of the SMS gateway request: `{to}`/`{message}` as they are, `{to_json}`/`{message_json}` as JSON strings, `{to_url}`/`{message_url}` URL-encoded (form bodies).', parse: str((s) => (s.includes('{message') ? undefined : 'the body template must contain {message}, {message_json} or {message_url}')) },
  smsSuccess: { env: 'COUNTERSIGN_SMS_SUCCESS', default: 'status:2xx', doc: 'When the gateway took the message: `status:2xx`, `status:<code>`, or `body:<text>` (a 2xx answer containing the text, e.g. `body:"status":"queued"`).', parse: str((s) => { try { successTest(s); return undefined; } catch (e) { return (e as Error).message; } }) },
  smsTimeoutMs: { env: 'COUNTERSIGN_SMS_TIMEOUT_MS', default: 5000, doc: 'Time one SMS gateway request may take; past it the attempt failed.', parse: int(100, 120_000) },
  smsRetries: { env: 'COUNTERSIGN_SMS_RETRIES', default: 1, doc: 'Further attempts after a failed SMS gateway request (0 to 5; a pause of 200 ms × n before attempt n+1), then the logon answers STAT_COMMS.', parse: int(0, 5) },
  outboxFile: { env: 'COUNTERSIGN_OUTBOX_FILE', default: 'auto', doc: 'Messages with no SMTP server or SMS gateway for their channel are appended to this owner-only file instead (QA and tests; `countersign outbox` shows them). It holds one-time passwords in clear. `auto` = `outbox.jsonl` in the data folder while the demo data is in the store, off otherwise; `off` = never.', parse: str() },
  virtualSendsPerUser: { env: 'COUNTERSIGN_VIRTUAL_SENDS_PER_USER', default: 5, doc: 'One-time passwords one user may be sent per `COUNTERSIGN_VIRTUAL_SEND_WINDOW_S` (a token bucket, per process); past it STAT_RATE_LIMITED. `0` = no limit.', parse: int(0, 1_000_000) },
  virtualSendsPerSource: { env: 'COUNTERSIGN_VIRTUAL_SENDS_PER_SOURCE', default: 50, doc: 'One-time passwords sent per window for requests from one source address (a portal or NAS is one source for all its users); `0` = no limit.', parse: int(0, 1_000_000) },
  virtualSendWindowS: { env: 'COUNTERSIGN_VIRTUAL_SEND_WINDOW_S', default: 900, doc: 'The window of the send limits, in seconds.', parse: int(1, 86_400) },
  otpRequestPage: { env: 'COUNTERSIGN_OTP_REQUEST_PAGE', default: false, doc: '`1` = serve the OTP request page at `/otp-request` on the HTTP port: users of virtual authenticators ask for a one-time password with their user name and password (or keyword) and then log on as usual.', parse: bool },
  otpRequestComponent: { env: 'COUNTERSIGN_OTP_REQUEST_COMPONENT', default: 'SOAP Auth Client', doc: 'Client component (hence policy) the OTP request page presents.', parse: str() },
  console: { env: 'COUNTERSIGN_CONSOLE', default: true, doc: 'The web console at `/console` and its JSON API at `/console/api/...` on the HTTP port (docs/console.md): administrators of the store log on there. `0` = not served (both answer 404).', parse: bool },
  consoleSessionTtlS: { env: 'COUNTERSIGN_CONSOLE_SESSION_TTL_S', default: 1200, doc: 'Lifetime in seconds of a console session from its logon (20 minutes, as an admin SOAP session); then the console asks to log on again.', parse: int(60, 86_400) },
  consoleQa: { env: 'COUNTERSIGN_CONSOLE_QA', default: 'auto', doc: 'The console\'s QA helpers (current OTP of the demo tokens, the clock mode, a form that sends authUser): `auto` = only while the demo data is in the store, `on` = always (the OTP helper still shows only the demo seed\'s tokens that hold published test keys), `off` = never.', parse: oneOf('auto', 'on', 'off') },
  consoleMaxUploadBytes: { env: 'COUNTERSIGN_CONSOLE_MAX_UPLOAD_BYTES', default: 10 * 1024 * 1024, doc: 'Largest PSKC or CSV file the console accepts for an import (10 MiB); larger ones are refused with 413 before anything is written. Bigger files: `countersign import`.', parse: int(1024, 1024 * 1024 * 1024) },
  auditRetentionDays: { env: 'COUNTERSIGN_AUDIT_RETENTION_DAYS', default: 365, doc: 'Audit records (logons, refusals, administrative changes) older than this many days are deleted by every serving node in the background, in small batches (docs/operations/audit-retention.md); `0` = keep every record forever (then rotate with `countersign audit purge` or not at all). 365: PCI DSS 10.5.1 asks for a year of audit history.', parse: int(0, 36_500) },
  auditAdminRetentionDays: { env: 'COUNTERSIGN_AUDIT_ADMIN_RETENTION_DAYS', default: 2557, doc: 'Administrative change records (component type `Administration`: who changed which user, token, policy, client or key) are kept this many days (2557 = 7 years), never fewer than `COUNTERSIGN_AUDIT_RETENTION_DAYS`; `0` = keep them forever. `countersign audit purge` also keeps them this long unless `--admin-before` says otherwise.', parse: int(0, 36_500) },
  shutdownTimeoutMs: { env: 'COUNTERSIGN_SHUTDOWN_TIMEOUT_MS', default: 5000, doc: 'On SIGTERM/SIGINT, how long in-flight SOAP, REST and RADIUS requests may take to finish (held push calls are answered with the timeout status at once); past it their connections are cut. Then the store is closed and the process exits 0.', parse: int(0, 600_000) },
} satisfies Record<string, Setting<unknown>>;

export type Config = { readonly [K in keyof typeof SCHEMA]: ReturnType<(typeof SCHEMA)[K]['parse']> };
