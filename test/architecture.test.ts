// The layout is documented and enforced in one place each: every folder of src/ has a line in the
// layout of docs/development.md, a place in docs/architecture.md and a layer rule in .dependency-cruiser.cjs
// (which `npm test` runs; this test keeps the three in step when a folder is added).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const folders = readdirSync(new URL('src/', root), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('architecture', () => {
  it('src/ has only folders (no loose modules outside a layer)', () => {
    const loose = readdirSync(new URL('src/', root), { withFileTypes: true }).filter((d) => d.isFile());
    expect(loose.map((d) => d.name)).toEqual([]);
    expect(folders.length).toBeGreaterThan(15);
  });

  it('every folder has a layer rule, a line in the layout of docs/development.md and a row in docs/architecture.md', () => {
    const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as { forbidden: { name: string }[] };
    const rules = new Set(config.forbidden.map((r) => r.name));
    const development = readFileSync(new URL('docs/development.md', root), 'utf8');
    // The layout block of the page's "Layout" section, not a mention anywhere on the page.
    const layout = /^## Layout\n[\s\S]*?^```\n([\s\S]*?)^```$/m.exec(development)?.[1] ?? '';
    const architecture = readFileSync(new URL('docs/architecture.md', root), 'utf8');
    for (const folder of folders) {
      expect(rules, folder).toContain(`layer-${folder}`);
      expect(layout, folder).toMatch(new RegExp(`^src/${folder}/ +\\S`, 'm'));
      expect(architecture, folder).toContain(`| \`${folder}/\` |`);
    }
    expect(development).toContain('[docs/architecture.md](architecture.md)');
    expect(readFileSync(new URL('README.md', root), 'utf8')).toContain('(docs/development.md)');
  });
});
