// The repository folder the running code belongs to (dist/src/runtime → three levels up): where the
// WSDLs, the demo seed and the other shipped files are read from.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
