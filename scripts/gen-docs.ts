// `npm run docs`: regenerate the documentation blocks that have one definition in code (the exit-code
// tables of src/cli/exit-codes.ts, in docs/exit-codes.md). Every `<!-- exit-codes:NAME -->` block of
// README.md and docs/*.md is rewritten, wherever it lives. test/cli/exit-codes.test.ts fails when
// they are stale.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderExitCodeBlocks } from '../src/cli/exit-codes.js';

const root = new URL('../../', import.meta.url);
const files = [
  'README.md',
  ...readdirSync(new URL('docs/', root))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
let changed = 0;
for (const name of files) {
  const file = new URL(name, root);
  const before = readFileSync(file, 'utf8');
  const after = renderExitCodeBlocks(before);
  if (after === before) continue;
  writeFileSync(file, after);
  changed++;
  console.log(`${name}: exit-code tables regenerated`);
}
if (changed === 0) console.log('exit-code tables are up to date');
