#!/usr/bin/env -S node --max-semi-space-size=8 --heap-growing-percent=50
// Command-line entry point: sizes libuv's thread pool (argon2id runs there) to the cores, up to libuv's
// default 4, unless UV_THREADPOOL_SIZE is set; CommonJS so this runs before the pool starts. Then runs
// the compiled CLI (build first with `npm run build`). The shebang passes Node the flags of npm start
// (package.json "start"; test/docs/start-command.test.ts keeps them equal).
const { availableParallelism } = require('node:os');

if (process.env.UV_THREADPOOL_SIZE === undefined) {
  process.env.UV_THREADPOOL_SIZE = String(Math.min(4, Math.max(2, availableParallelism())));
}
import('../dist/src/doors/cli/main.js').then((cli) => cli.run());
