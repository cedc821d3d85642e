// The product's name and version (from package.json, read once), as logon answers and logs report them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };

export const PRODUCT = Object.freeze({ name: 'Countersign', version: manifest.version });
