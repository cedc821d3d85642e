// Writes one recorded exchange as a case folder in the golden format (issue 9): request.xml,
// response.xml and meta.json in `<dir>/<NNNN>-<operation>-<user>/`. Each case is written into a
// hidden temporary folder and renamed into place, so a reader never sees half a case.
import { mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CaseStatus {
  readonly http: number;
  readonly return?: string;
  readonly returnCode?: number;
  readonly enum?: string;
  readonly code?: number;
  readonly fault?: string;
  readonly faultstring?: string;
}

/** meta.json of a recorded case. */
export interface CaseMeta {
  readonly time: string;
  readonly operation: string;
  readonly user: string | null;
  readonly status: CaseStatus;
  readonly upstream: string;
  readonly path: string;
  readonly request: { readonly contentType: string | null; readonly soapAction: string | null };
  readonly response: { readonly contentType: string | null; readonly bytes: number };
  readonly durationMs: number;
  readonly secrets: 'masked' | 'kept';
  readonly maskedValues: number;
}

export interface RecordedCase { readonly meta: CaseMeta; readonly request: Buffer; readonly response: Buffer }

const NUMBERED = /^(\d+)-/;
const safe = (s: string): string => s.replace(/[^A-Za-z0-9._@-]+/g, '_').replace(/^[._]+/, '').slice(0, 48);

/** `<NNNN>-<operation>-<user>`, or `<NNNN>-<operation>` without a user. */
export function caseName(n: number, operation: string, user: string | null): string {
  const parts = [String(n).padStart(4, '0'), safe(operation) || 'unknown'];
  if (user && safe(user)) parts.push(safe(user));
  return parts.join('-');
}

export class CaseWriter {
  private next: number;

  constructor(readonly dir: string, private readonly mode: number) {
    mkdirSync(dir, { recursive: true });
    const taken = readdirSync(dir).map((n) => NUMBERED.exec(n)?.[1]).filter((n): n is string => n !== undefined).map(Number);
    this.next = Math.max(0, ...taken) + 1;
  }

  /** Writes the case and answers its folder name; numbers already on disk are skipped. */
  async write(c: RecordedCase): Promise<string> {
    const tmp = await mkdtemp(join(this.dir, '.partial-'));
    try {
      await writeFile(join(tmp, 'request.xml'), c.request, { mode: this.mode });
      await writeFile(join(tmp, 'response.xml'), c.response, { mode: this.mode });
      await writeFile(join(tmp, 'meta.json'), `${JSON.stringify(c.meta, null, 2)}\n`, { mode: this.mode });
      for (let attempt = 0; ; attempt++) {
        const name = caseName(this.next++, c.meta.operation, c.meta.user);
        try {
          await rename(tmp, join(this.dir, name));
          return name;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (attempt > 100 || (code !== 'ENOTEMPTY' && code !== 'EEXIST')) throw e;
        }
      }
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }
}
