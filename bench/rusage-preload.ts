// Preloaded with `node --import` by bench/proc.ts where GNU time is missing: at exit, write this
// process's own resourceUsage() (CPU in µs, maxRSS in KB) to $REVGATE_BENCH_RUSAGE.
import { writeFileSync } from 'node:fs';

const file = process.env.REVGATE_BENCH_RUSAGE;
if (file) process.on('exit', () => writeFileSync(file, `${JSON.stringify(process.resourceUsage())}\n`));
