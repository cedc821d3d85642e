// The generated parts of the manual (`npm run docs`; test/docs/generated.test.ts compares): the
// configuration table (settings schema), the status table (catalogue), the CLI reference (the
// commander program's own --help output, so a new command appears by itself) and the SOAP client stacks.
import type { Command } from 'commander';
import { configTableMarkdown } from '../config/doc.js';
import { statusTableMarkdown } from '../domain/status-doc.js';
import { soapClientsMarkdown } from './soap-clients.js';

/** A generated section sits between `<!-- BEGIN GENERATED name -->` and `<!-- END GENERATED name -->`. */
export interface Section { readonly file: string; readonly name: string; readonly text: () => Promise<string> }

export function sections(): Section[] {
  return [
    { file: 'docs/configuration.md', name: 'configuration', text: async () => configTableMarkdown() },
    { file: 'docs/status-codes.md', name: 'status-codes', text: async () => statusTableMarkdown() },
    { file: 'docs/cli.md', name: 'cli', text: cliReference },
    { file: 'docs/soap-clients.md', name: 'soap-clients', text: async () => soapClientsMarkdown() },
  ];
}

const begin = (name: string) => `<!-- BEGIN GENERATED ${name} (npm run docs) -->`;
const end = (name: string) => `<!-- END GENERATED ${name} -->`;

/** The text between a section's markers, or undefined when the markers are missing. */
export function sectionIn(doc: string, name: string): string | undefined {
  const a = doc.indexOf(begin(name));
  const b = doc.indexOf(end(name));
  if (a < 0 || b < a) return undefined;
  return doc.slice(a + begin(name).length, b).trim();
}

export function withSection(doc: string, name: string, text: string): string {
  const a = doc.indexOf(begin(name));
  const b = doc.indexOf(end(name));
  if (a < 0 || b < a) throw new Error(`markers ${begin(name)} ... ${end(name)} not found`);
  return `${doc.slice(0, a + begin(name).length)}\n${text}\n${doc.slice(b)}`;
}

/** Every command of the program, depth first, with the help text `--help` prints off a terminal (80 columns). */
export async function commandTree(): Promise<{ path: string[]; help: string }[]> {
  const { program } = await import('../doors/cli/main.js');
  const out: { path: string[]; help: string }[] = [];
  const visit = (cmd: Command, path: string[]) => {
    cmd.configureOutput({ ...cmd.configureOutput(), getOutHelpWidth: () => 80, getOutHasColors: () => false });
    out.push({ path, help: cmd.helpInformation().trimEnd() });
    for (const sub of cmd.commands) visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
  return out;
}

async function cliReference(): Promise<string> {
  const tree = await commandTree();
  return tree.map(({ path, help }) => `### \`countersign${path.map((p) => ` ${p}`).join('')}\`\n\n\`\`\`text\n${help}\n\`\`\``).join('\n\n');
}
