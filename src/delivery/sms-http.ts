// SMS delivery through an HTTP gateway (like the vendor's MDC HTTP gateways): a URL and method, headers,
// a body template with the number and the message, a success condition on the answer, a timeout per
// attempt and a bounded number of retries, so a gateway that is down or slow costs at most
// (retries + 1) × timeout plus short pauses.
import type { DeliveryResult, MessageSender, OutgoingMessage } from '../engine/ports.js';

export interface SmsSettings {
  readonly url: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly headers: Readonly<Record<string, string>>;
  /** `{to}`, `{message}` as they are, `{to_json}`/`{message_json}` as JSON strings, `{to_url}`/`{message_url}` URL-encoded. */
  readonly body: string;
  /** `status:2xx` (any 2xx), `status:<code>`, or `body:<text>` (a 2xx whose body contains the text). */
  readonly success: string;
  readonly timeoutMs: number;
  readonly retries: number;
}

/** Pause before retry n (1-based): 200 ms, 400 ms, ... */
const PAUSE_MS = 200;
/** The longest gateway answer read to test the success condition. */
const MAX_ANSWER_CHARS = 16_384;

export function fillTemplate(template: string, to: string, message: string): string {
  const values: Record<string, string> = {
    to, message, to_json: JSON.stringify(to), message_json: JSON.stringify(message),
    to_url: encodeURIComponent(to), message_url: encodeURIComponent(message),
  };
  return template.replace(/\{(to|message)(_json|_url)?\}/g, (whole) => values[whole.slice(1, -1)] ?? whole);
}

/** The success condition as a test of status and body; throws naming the problem when it is malformed. */
export function successTest(condition: string): (status: number, body: string) => boolean {
  const m = /^(status|body):(.+)$/.exec(condition);
  if (!m) throw new Error(`expected status:2xx, status:<code> or body:<text>, got "${condition}"`);
  const [, kind, value] = m;
  if (kind === 'body') return (status, body) => status >= 200 && status < 300 && body.includes(value!);
  if (value === '2xx') return (status) => status >= 200 && status < 300;
  if (!/^[1-5]\d\d$/.test(value!)) throw new Error(`expected an HTTP status such as 200 after "status:", got "${value}"`);
  return (status) => status === Number(value);
}

async function attempt(s: SmsSettings, m: OutgoingMessage, ok: (status: number, body: string) => boolean): Promise<DeliveryResult> {
  const url = fillTemplate(s.url, m.to, m.text);
  const body = s.method === 'GET' ? undefined : fillTemplate(s.body, m.to, m.text);
  try {
    const res = await fetch(url, { method: s.method, headers: { ...s.headers }, body, signal: AbortSignal.timeout(s.timeoutMs), redirect: 'error' });
    const text = (await res.text()).slice(0, MAX_ANSWER_CHARS);
    return ok(res.status, text) ? { ok: true } : { ok: false, reason: `the SMS gateway answered HTTP ${res.status}` };
  } catch (err) {
    const name = (err as Error)?.name;
    return { ok: false, reason: name === 'TimeoutError' || name === 'AbortError' ? `the SMS gateway did not answer within ${s.timeoutMs} ms` : 'the SMS gateway could not be reached' };
  }
}

export function smsSender(s: SmsSettings): MessageSender {
  const ok = successTest(s.success);
  return {
    async send(m: OutgoingMessage): Promise<DeliveryResult> {
      let last: DeliveryResult = { ok: false, reason: 'not tried' };
      for (let n = 0; n <= s.retries; n++) {
        if (n > 0) await new Promise((done) => setTimeout(done, PAUSE_MS * n));
        last = await attempt(s, m, ok);
        if (last.ok) return last;
      }
      return s.retries > 0 && !last.ok ? { ok: false, reason: `${last.reason} (${s.retries + 1} attempts)` } : last;
    },
  };
}
