// Summarise a V8 .cpuprofile (from `node --cpu-prof`, e.g. `npm run bench -- --profile`):
// self time per function (name, file:line) and per file/package, top N, idle/GC/program split out.
//   node dist/bench/profile-summary.js reports/profiles/<file>.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const top = Number(values.top);
for (const file of positionals) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);

  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, us] of self) {
    const key = keyOf(byId.get(id)!);
    const where = shortUrl(byId.get(id)!.callFrame.url);
    const functionName = byId.get(id)!.callFrame.functionName;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const group = !where
      ? functionName
      : where.startsWith('npm:')
        ? where
            .split('/')
            .slice(0, where.startsWith('npm:@') ? 2 : 1)
            .join('/')
        : where.startsWith('node:')
          ? 'node: (core)'
          : where;
    files.set(group, (files.get(group) ?? 0) + us);
  }
  const show = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
    }
  };
  // Inclusive (total) time: every distinct function on a sample's stack gets the sample's time.
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(byId.get(at)!));
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  inclusive.delete(keyOf(p.nodes[0]!)); // (root)
  console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
  show('self time by function', fns);
  show('self time by file / package', files);
  show('inclusive time by function', inclusive);
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/node_modules\//, 'npm:').replace(/^file:\/\/.*?\/dist\//, 'dist/');
}

function keyOf(n: Node): string {
  const where = shortUrl(n.callFrame.url);
  return `${n.callFrame.functionName || '(anonymous)'}  ${where ? `${where}:${n.callFrame.lineNumber + 1}` : ''}`;
}
