// Test helper: a path in a new temporary folder for each test of the calling describe block, the
// folder removed after each test (SQLite database files).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempFileEachTest(prefix: string, name: string): () => string {
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), prefix)); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return () => join(dir, name);
}
