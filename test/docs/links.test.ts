// The documentation is README.md plus the pages under docs/: every relative link of every page must
// reach a file that exists, every `#anchor` (on the same page or another one) a heading of that
// page, and every reference page of docs/ opens with a title, one sentence and a Contents list
// that links each of its `##` headings.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Pages of docs/ that are not reference pages (no Contents list required): they are links checked all the same. */
const NOT_REFERENCE = new Set(['docs/architecture.md']);

function markdownFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? markdownFiles(join(dir, d.name)) : d.name.endsWith('.md') ? [join(dir, d.name)] : [],
  );
}
const PAGES = ['README.md', ...markdownFiles('docs')];
const REFERENCE_PAGES = readdirSync(join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`)
  .filter((f) => !NOT_REFERENCE.has(f));

/** The page's lines outside fenced code blocks (a `# comment` in a sh block is no heading). */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').filter((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

/** GitHub's anchor of a heading: its text without Markdown (code marks, link targets, emphasis),
 *  lowercased, punctuation dropped except `-` and `_`, each space a `-`. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

interface Heading {
  level: number;
  text: string;
  anchor: string;
}
/** Headings in page order with their anchors (a repeated heading gets `-1`, `-2`, … as on GitHub). */
function headings(markdown: string): Heading[] {
  const seen = new Map<string, number>();
  return prose(markdown).flatMap((line) => {
    const m = /^(#{1,6}) +(.*?)\s*#*\s*$/.exec(line);
    if (!m) return [];
    const base = slug(m[2]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return [{ level: m[1]!.length, text: m[2]!, anchor: n === 0 ? base : `${base}-${n}` }];
  });
}

/** Every inline link target of a page, outside code blocks and code spans. */
function links(markdown: string): string[] {
  return prose(markdown).flatMap((line) =>
    [...line.replace(/`[^`]*`/g, '').matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
  );
}

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** What is wrong with each relative link of `file` (empty when every one resolves). */
function brokenLinks(file: string, markdown: string, readPage: (file: string) => string | undefined): string[] {
  const broken: string[] = [];
  for (const target of links(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [path, anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved = path === '' ? file : relative(ROOT, join(ROOT, dirname(file), decodeURIComponent(path)));
    if (path !== '' && !existsSync(join(ROOT, resolved))) {
      broken.push(`${target}: no file ${resolved}`);
      continue;
    }
    if (anchor === undefined) continue;
    const page = resolved === file ? markdown : resolved.endsWith('.md') ? readPage(resolved) : undefined;
    if (page === undefined) broken.push(`${target}: an anchor into ${resolved}, which is no Markdown page`);
    else if (!headings(page).some((h) => h.anchor === anchor)) broken.push(`${target}: ${resolved} has no heading #${anchor}`);
  }
  return broken;
}

describe('documentation links', () => {
  it('covers the README and every page of docs/', () => {
    expect(PAGES).toEqual(
      expect.arrayContaining(['README.md', 'docs/commands.md', 'docs/exit-codes.md', 'docs/rollout.md', 'docs/github/README.md']),
    );
    expect(REFERENCE_PAGES.length).toBeGreaterThanOrEqual(9);
  });

  it.each(PAGES)('%s: every relative link reaches a file, every #anchor a heading', (file) => {
    expect(brokenLinks(file, read(file), (f) => (existsSync(join(ROOT, f)) ? read(f) : undefined))).toEqual([]);
  });

  it.each(REFERENCE_PAGES)('%s: a title, one sentence, then a Contents list linking each ## heading', (file) => {
    const markdown = read(file);
    const lines = markdown.split('\n');
    expect(lines[0]).toMatch(/^# \S/);
    expect(lines[1]).toBe('');
    expect(lines[2], 'a sentence of what the page covers').toMatch(/^[^#\s*|`-]/);
    const start = markdown.indexOf('**Contents**');
    const firstSection = markdown.search(/^## /m);
    expect(start, 'a **Contents** list').toBeGreaterThan(0);
    expect(start).toBeLessThan(firstSection);
    const contents = markdown.slice(start, firstSection);
    const listed = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    const sections = headings(markdown).filter((h) => h.level === 2);
    expect(sections.length).toBeGreaterThan(0);
    for (const h of sections) expect(listed, `Contents of ${file} links "## ${h.text}"`).toContain(h.anchor);
  });

  it('the checks catch a broken link, a missing file and a missing anchor', () => {
    const page = '# T\n\n## A `b` heading: c?\n\n[ok](#a-b-heading-c) [ok](commands.md#naming-a-run) [ok](../README.md#quick-start)\n';
    const pages = (f: string): string | undefined => (existsSync(join(ROOT, f)) ? read(f) : undefined);
    expect(brokenLinks('docs/x.md', page, pages)).toEqual([]);
    expect(brokenLinks('docs/x.md', `${page}[x](#nope)`, pages)).toEqual(['#nope: docs/x.md has no heading #nope']);
    expect(brokenLinks('docs/x.md', `${page}[x](missing.md)`, pages)).toEqual(['missing.md: no file docs/missing.md']);
    expect(brokenLinks('docs/x.md', `${page}[x](commands.md#nope)`, pages)).toEqual([
      'commands.md#nope: docs/commands.md has no heading #nope',
    ]);
    // A link in a code span or a fenced block is text, not a link.
    expect(brokenLinks('docs/x.md', `${page}\`[x](#nope)\`\n\`\`\`\n[x](#nope)\n\`\`\`\n`, pages)).toEqual([]);
  });

  it('slugs headings as GitHub does', () => {
    expect(slug('`revgate init [--url <endpoint>]`')).toBe('revgate-init---url-endpoint');
    expect(slug('Is the verdict trustworthy? (`npm run sim`)')).toBe('is-the-verdict-trustworthy-npm-run-sim');
    expect(slug('`revgate schema [suite|golden]`')).toBe('revgate-schema-suitegolden');
    expect(slug('Statistical tests: regressions beyond LLM noise')).toBe('statistical-tests-regressions-beyond-llm-noise');
    expect(slug('The `rollout:` section')).toBe('the-rollout-section');
  });
});
