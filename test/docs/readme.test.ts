// The README is the short way in: what revgate is, the quick start, install, the tutorial, how it
// works, the current performance figures and a link to every page of docs/. Reference material
// lives in docs/ (test/docs/links.test.ts checks the links); this test keeps the README that way.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const section = (markdown: string, heading: string): string => {
  const start = markdown.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const rest = markdown.slice(start + heading.length + 2);
  const level = /^#+/.exec(heading)![0];
  const end = rest.search(new RegExp(`^#{1,${level.length}} `, 'm'));
  return end < 0 ? rest : rest.slice(0, end);
};
const firstTable = (markdown: string): string => /(^\|.*\|\n)+/m.exec(markdown)?.[0] ?? '';

describe('README', () => {
  it('keeps its sections, in order', () => {
    const order = [
      '## Quick start',
      '## Install',
      '## Gate your own endpoint in 5 minutes',
      '## How it works',
      '## Performance',
      '## Documentation',
      '## Data and attribution',
    ];
    const at = order.map((h) => readme.indexOf(`\n${h}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(readme.length, 'reference material belongs in docs/').toBeLessThan(15_000);
  });

  it('starts with the demo and the tests, one command each', () => {
    const commands = /```sh\n([\s\S]*?)```/.exec(section(readme, '## Quick start'))![1]!.trim().split('\n');
    expect(commands.map((c) => c.replace(/\s+#.*$/, ''))).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
  });

  it('links every page of docs/ from its Documentation section', () => {
    const docs = section(readme, '## Documentation');
    const pages = readdirSync(new URL('docs/', root)).filter((f) => f.endsWith('.md'));
    for (const page of [...pages, 'github/README.md']) expect(docs, page).toContain(`(docs/${page})`);
  });

  it("shows the current benchmark table: the first one of docs/development.md's benchmarks", () => {
    const development = readFileSync(new URL('docs/development.md', root), 'utf8');
    const table = firstTable(section(development, '## Benchmarks'));
    expect(table).toMatch(/^\| figure \| measured \| goal \|/);
    expect(firstTable(section(readme, '## Performance'))).toBe(table);
    expect(section(readme, '## Performance')).toContain('(docs/development.md#benchmarks)');
  });
});
