// The one logger (pino). Request content is never logged; redaction paths cover the credential
// field names as a second line of defence.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: ['password', 'pin', 'otp', 'secret', 'staticPassword', '*.password', '*.pin', '*.otp', '*.secret'], censor: '[redacted]' },
  });
}
