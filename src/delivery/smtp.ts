// E-mail delivery through an SMTP server (nodemailer): TLS from the first byte (`tls`), upgraded with
// STARTTLS and required (`starttls`), or none (`none`, a relay on the same host); optional AUTH; every
// wait bounded (connect, greeting, socket, and the whole send), so a slow server never holds a logon.
// nodemailer is loaded with the first message, so that commands which never send do not load it.
import type { Transporter } from 'nodemailer';
import type { DeliveryResult, MessageSender, OutgoingMessage } from '../engine/ports.js';

export type SmtpTls = 'starttls' | 'tls' | 'none';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly tls: SmtpTls;
  readonly user: string | null;
  readonly password: string | null;
  readonly from: string;
  readonly timeoutMs: number;
  /** Verify the server's certificate (default on; off only for a test server with a self-signed one). */
  readonly verifyCertificate: boolean;
}

/** Why a send failed, in words that name the server and never the message. */
function reasonOf(err: unknown, s: SmtpSettings): string {
  const e = err as { code?: string; responseCode?: number; message?: string };
  const what = e.responseCode ? `answered ${e.responseCode}` : e.code === 'ETIMEDOUT' || e.code === 'TIMEOUT' ? 'timed out' : (e.code ?? 'failed');
  return `SMTP server ${s.host}:${s.port} ${what}`;
}

async function transportFor(s: SmtpSettings): Promise<Transporter> {
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport({
    host: s.host, port: s.port, secure: s.tls === 'tls', requireTLS: s.tls === 'starttls', ignoreTLS: s.tls === 'none',
    auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
    connectionTimeout: s.timeoutMs, greetingTimeout: s.timeoutMs, socketTimeout: s.timeoutMs,
    tls: { rejectUnauthorized: s.verifyCertificate }, logger: false, debug: false,
  });
}

export function smtpSender(s: SmtpSettings): MessageSender {
  let transport: Promise<Transporter> | undefined;
  return {
    async send(m: OutgoingMessage): Promise<DeliveryResult> {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, fail) => { timer = setTimeout(() => fail(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })), s.timeoutMs * 2); });
      try {
        await Promise.race([(transport ??= transportFor(s)).then((t) => t.sendMail({ from: s.from, to: m.to, subject: m.subject, text: m.text })), late]);
        return { ok: true };
      } catch (err) {
        return { ok: false, reason: reasonOf(err, s) };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
