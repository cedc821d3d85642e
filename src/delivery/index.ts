// The message delivery component (like the vendor's MDC): e-mail through SMTP, SMS through an HTTP
// gateway, and the outbox for channels with neither; built once at start from the settings, each
// mistake refused then with a message naming its setting. Also the per-user and per-source send limits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { DeliveryChannel } from '../domain/model.js';
import type { DeliveryResult, MessageSender, OutgoingMessage, VirtualDelivery } from '../engine/ports.js';
import { otpDigestFor } from '../engine/virtual-digest.js';
import { createRateLimiter } from '../runtime/rate-limiter.js';
import { StartupError } from '../runtime/startup-errors.js';
import { outboxSender } from './outbox.js';
import { smsSender } from './sms-http.js';
import { smtpSender } from './smtp.js';

export interface DeliverySetup {
  readonly delivery: VirtualDelivery;
  /** The outbox file in use, or null. */
  readonly outbox: string | null;
  /** How each channel is delivered, for the start-up notes: `smtp host:port`, `sms gateway`, `outbox`, `none`. */
  readonly channels: Readonly<Record<DeliveryChannel, string>>;
}

const NONE: MessageSender = { send: async (): Promise<DeliveryResult> => ({ ok: false, reason: 'no delivery is configured for this channel' }) };

/** The outbox file of these settings: a path, `off`, or `auto` (the data folder's outbox.jsonl while demo data is in the store). */
export function outboxPathOf(config: Pick<Config, 'outboxFile'>, dataFolder: string, demoPresent: boolean): string | null {
  if (config.outboxFile === 'off') return null;
  if (config.outboxFile === 'auto') return demoPresent ? join(dataFolder, 'outbox.jsonl') : null;
  return config.outboxFile;
}

function smtpPassword(config: Config): string | null {
  if (config.smtpPasswordFile === null) return config.smtpPassword;
  try {
    return readFileSync(config.smtpPasswordFile, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new StartupError(`COUNTERSIGN_SMTP_PASSWORD_FILE: cannot read "${config.smtpPasswordFile}" (${(err as NodeJS.ErrnoException).code ?? 'error'}); fix the path or unset it`);
  }
}

function emailSender(config: Config): MessageSender | undefined {
  if (config.smtpHost === null) {
    if (config.smtpFrom !== null || config.smtpUser !== null) throw new StartupError('COUNTERSIGN_SMTP_HOST: not set, but other COUNTERSIGN_SMTP_ settings are; set the SMTP server or unset them');
    return undefined;
  }
  if (config.smtpFrom === null || !/@/.test(config.smtpFrom)) throw new StartupError('COUNTERSIGN_SMTP_FROM: the sender address is required with COUNTERSIGN_SMTP_HOST (e.g. "Countersign <otp@example.org>")');
  if (config.smtpPasswordFile !== null && config.smtpPassword !== null) throw new StartupError('COUNTERSIGN_SMTP_PASSWORD: give the password or COUNTERSIGN_SMTP_PASSWORD_FILE, not both');
  const password = smtpPassword(config);
  if (config.smtpUser === null && password !== null) throw new StartupError('COUNTERSIGN_SMTP_USER: a password is set but no user name');
  return smtpSender({
    host: config.smtpHost, port: config.smtpPort, tls: config.smtpTls, user: config.smtpUser, password, from: config.smtpFrom,
    timeoutMs: config.smtpTimeoutMs, verifyCertificate: config.smtpTlsVerify,
  });
}

function textSender(config: Config): MessageSender | undefined {
  if (config.smsUrl === null) return undefined;
  if (config.smsMethod === 'GET' && !config.smsUrl.includes('{message')) throw new StartupError('COUNTERSIGN_SMS_URL: a GET gateway needs {message_url} (and usually {to_url}) in the URL');
  return smsSender({
    url: config.smsUrl, method: config.smsMethod, headers: config.smsHeaders, body: config.smsBody, success: config.smsSuccess,
    timeoutMs: config.smsTimeoutMs, retries: config.smsRetries,
  });
}

/** Tokens of `perWindow` sends per `windowS`: a full bucket, refilled evenly over the window. */
const bucket = (perWindow: number, windowS: number) => ({ burst: perWindow, refillMs: Math.max(1, Math.floor((windowS * 1000) / Math.max(1, perWindow))) });

export interface DeliveryOptions {
  readonly masterKey: Buffer;
  readonly dataFolder: string;
  readonly demoPresent: boolean;
  readonly sent?: VirtualDelivery['sent'];
  readonly now?: () => number;
}

export function createDelivery(config: Config, o: DeliveryOptions): DeliverySetup {
  const email = emailSender(config);
  const sms = textSender(config);
  const outbox = outboxPathOf(config, o.dataFolder, o.demoPresent);
  const spare = outbox === null ? undefined : outboxSender(outbox, o.now);
  const route: Record<DeliveryChannel, MessageSender> = { email: email ?? spare ?? NONE, sms: sms ?? spare ?? NONE };
  const sender: MessageSender = { send: (m: OutgoingMessage) => route[m.channel].send(m) };
  const limiter = createRateLimiter({
    user: bucket(config.virtualSendsPerUser, config.virtualSendWindowS), source: bucket(config.virtualSendsPerSource, config.virtualSendWindowS),
    maxEntries: config.rateLimitEntries, sourceExempt: config.rateLimitSourceExempt,
  });
  const channels = {
    email: email ? `smtp ${config.smtpHost}:${config.smtpPort}` : spare ? 'outbox' : 'none',
    sms: sms ? 'sms gateway' : spare ? 'outbox' : 'none',
  };
  return { delivery: { sender, digest: otpDigestFor(o.masterKey), limiter, sent: o.sent }, outbox, channels };
}
