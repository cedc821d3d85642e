// `countersign outbox` (docs/virtual-otp.md): the messages virtual authenticators would have sent, read
// from the outbox file (COUNTERSIGN_OUTBOX_FILE; `auto` = outbox.jsonl in the data folder). The file and
// this output hold one-time passwords in clear: QA, tests and the demo only. The action is outbox-run.ts.
import type { Command } from 'commander';
import { lazy } from './lazy.js';

export function outboxCommand(cmd: Command): Command {
  return cmd.description('show the messages (one-time passwords in clear) that went to the outbox file instead of an SMTP server or SMS gateway')
    .option('--user <userId>', 'only the messages of this user').option('--last <n>', 'only the last n messages')
    .option('--json', 'print JSON lines')
    .action(lazy(() => import('./outbox-run.js'), (m) => m.outboxAction));
}
