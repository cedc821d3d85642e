// Mocha settings. `npm test` runs every test file with --parallel, one worker per core (at least two):
// each file runs whole in one worker, and files that share an outside resource keep their own (free
// ports, temporary folders, a PostgreSQL database per file: test/store/pg-reset.ts). `npx mocha <file>`
// runs the files it is given, in this process.
const { availableParallelism } = require('node:os');

module.exports = {
  reporter: 'test/support/reporter.cjs',
  timeout: 20000,
  recursive: true,
  exit: true,
  jobs: Math.max(2, availableParallelism()),
};
