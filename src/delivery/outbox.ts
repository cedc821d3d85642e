// The outbox (QA, tests, the demo): messages that would have been sent, appended as JSON lines to an
// owner-only file instead of reaching a mail server or SMS gateway. The file holds one-time passwords in
// clear: off outside the demo unless configured (COUNTERSIGN_OUTBOX_FILE); `countersign outbox` reads it.
import { appendFile, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DeliveryResult, MessageSender, OutgoingMessage } from '../engine/ports.js';
import { PRIVATE_FILE_MODE, makePrivateDir } from '../runtime/private-files.js';

/** One message as the outbox keeps it. */
export interface OutboxEntry extends OutgoingMessage { readonly at: string }

/**
 * An address of the reserved `.invalid` domain (RFC 2606) cannot exist: the outbox refuses it as a mail
 * server would, so QA and replayed cases can show a failed delivery without a real server.
 */
export function reservedInvalid(to: string): string | undefined {
  return /\.invalid$/i.test(to.trim()) ? 'the address is in the reserved .invalid domain (RFC 2606)' : undefined;
}

/** Appends each message to `path` (created 0600, narrowed to 0600 when it existed). */
export function outboxSender(path: string, now: () => number = Date.now): MessageSender {
  let ready: Promise<void> | undefined;
  const prepare = async () => {
    makePrivateDir(dirname(path));
    const handle = await open(path, 'a', PRIVATE_FILE_MODE);
    try { await handle.chmod(PRIVATE_FILE_MODE); } finally { await handle.close(); }
  };
  return {
    async send(m: OutgoingMessage): Promise<DeliveryResult> {
      const refused = reservedInvalid(m.to);
      if (refused) return { ok: false, reason: refused };
      try {
        ready ??= prepare();
        await ready;
        const entry: OutboxEntry = { at: new Date(now()).toISOString(), ...m };
        await appendFile(path, `${JSON.stringify(entry)}\n`, { mode: PRIVATE_FILE_MODE });
        return { ok: true };
      } catch (err) {
        ready = undefined;
        return { ok: false, reason: `the outbox file could not be written (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
      }
    },
  };
}

/** The outbox's messages, oldest first; a missing file is an empty outbox; a line that is no JSON is skipped. */
export async function readOutbox(path: string): Promise<OutboxEntry[]> {
  let text: string;
  try { text = await readFile(path, 'utf8'); } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return text.split('\n').filter((l) => l.trim() !== '').flatMap((l) => {
    try { return [JSON.parse(l) as OutboxEntry]; } catch { return []; }
  });
}
