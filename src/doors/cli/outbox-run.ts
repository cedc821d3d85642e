// The action of `countersign outbox` (definition in outbox.ts, loaded only when it runs): the messages
// of the outbox file, one line each or JSON lines. They hold one-time passwords in clear.
import { join } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { readOutbox, type OutboxEntry } from '../../delivery/outbox.js';
import { dataFolderOf } from '../../store/masterkey.js';

interface OutboxOptions { json?: boolean; user?: string; last?: string }

const line = (e: OutboxEntry): string => `${e.at}  ${e.channel}  ${e.to}  ${e.domain}\\${e.userId}  ${e.text.replace(/\s+/g, ' ')}`;

export async function outboxAction(o: OutboxOptions): Promise<void> {
  const config = loadConfig(process.env);
  if (config.outboxFile === 'off') {
    process.stderr.write('countersign: the outbox is off (COUNTERSIGN_OUTBOX_FILE=off)\n');
    process.exitCode = 1;
    return;
  }
  const path = config.outboxFile === 'auto' ? join(dataFolderOf(config.database), 'outbox.jsonl') : config.outboxFile;
  let list = (await readOutbox(path)).filter((e) => o.user === undefined || e.userId.toLowerCase() === o.user.toLowerCase());
  if (o.last !== undefined) list = list.slice(-Math.max(0, Number(o.last) || 0));
  if (o.json) { for (const e of list) process.stdout.write(`${JSON.stringify(e)}\n`); return; }
  process.stdout.write(list.length === 0 ? `(the outbox ${path} is empty)\n` : `${list.map(line).join('\n')}\n`);
}
