// `npm run docs`: regenerate the README's blocks that have one definition in code (the exit-code
// tables of src/cli/exit-codes.ts). test/cli/exit-codes.test.ts fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReadmeBlocks } from '../src/cli/exit-codes.js';

const file = new URL('../../README.md', import.meta.url);
const before = readFileSync(file, 'utf8');
const after = renderReadmeBlocks(before);
if (after !== before) writeFileSync(file, after);
console.log(after === before ? 'README.md is up to date' : 'README.md: exit-code tables regenerated');
