// Temporary timing probe (deleted before hand-back).
import { AA, REGRESSIONS } from './scenarios.js';
import { runScenario } from './harness.js';
const key = process.argv[2] ?? 'aa';
const runs = Number(process.argv[3] ?? 3);
const sc = key === 'aa' ? AA : REGRESSIONS.find((s) => s.key === key)!;
const r = await runScenario(sc, { runs, onRun: (x, d, t) => console.log(d, t, x.verdict, x.ms, JSON.stringify(Object.fromEntries(Object.entries(x.checks).map(([k, v]) => [k, `${v.status}:${v.outcome} p=${v.p?.toFixed(3)} est=${v.est?.toFixed(4)} [${v.lo?.toFixed(4)},${v.hi?.toFixed(4)}] n=${v.n}`]))), x.fixedFailed) });
console.log('total', r.ms);
