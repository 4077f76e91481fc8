#!/usr/bin/env node
// Thin shim: the CLI is compiled to dist/ by `npm run build` (`npm test`, `npm run demo` and `npm pack` run it).
import '../dist/src/cli/main.js';
