#!/usr/bin/env node
// Command-line entry point: runs the compiled CLI (build first with `npm run build`).
import '../dist/src/doors/cli/main.js';
