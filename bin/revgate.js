#!/usr/bin/env node
// Thin shim: the CLI is compiled to dist/ by `npm run build` (`npm test`, `npm run demo` and `npm pack` run it).
// Node ≥ 22.1 caches compiled code on disk (module.enableCompileCache; a no-op where missing, as on
// Node 20): every later run skips compiling revgate's and its dependencies' modules.
import module from 'node:module';
module.enableCompileCache?.();
await import('../dist/src/cli/main.js');
