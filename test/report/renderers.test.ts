import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/model/errors.js';
import { renderConsole } from '../../src/report/console.js';
import { renderJUnit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { RENDERERS, rendererFor, rendererNames } from '../../src/report/renderers.js';
import { fixtureReport, fixtureSummary } from './fixture.js';

describe('renderers', () => {
  it('picks a renderer and its file by format name', async () => {
    const input = { summary: fixtureSummary(), cases: () => [] };
    expect(rendererFor('md').file).toBe('summary.md');
    expect(await rendererFor('md').render(input)).toBe(renderMarkdown(input.summary));
    expect(rendererFor('junit').file).toBe('junit.xml');
    expect(await rendererFor('junit').render(input)).toBe(renderJUnit(input.summary));
    expect(rendererNames()).toEqual(['md', 'junit', 'html']);
  });

  it('refuses unknown names, including inherited keys, naming the known ones', () => {
    for (const name of ['pdf', 'toString', '__proto__']) {
      expect(() => rendererFor(name)).toThrow(UsageError);
    }
    expect(() => rendererFor('pdf')).toThrow('unknown report format "pdf"');
    try {
      rendererFor('pdf');
    } catch (e) {
      expect((e as UsageError).hint).toBe('expected one of: md, junit, html');
    }
  });

  it('renders md and junit from the summary alone, never reading cases (html reads them)', async () => {
    const summary = fixtureSummary();
    Object.defineProperty(summary, 'cases', {
      get: () => {
        throw new Error('read cases');
      },
    });
    const read: string[] = [];
    const input = {
      summary,
      cases: function* () {
        read.push('cases');
        yield* fixtureReport().cases;
      },
    };
    for (const renderer of [RENDERERS.md, RENDERERS.junit]) expect((await renderer.render(input)).length).toBeGreaterThan(0);
    expect(read).toEqual([]);
    expect(await RENDERERS.html.render(input)).toContain('<!doctype html>');
    expect(read).toEqual(['cases']);
    expect(renderConsole(summary, { color: true }).length).toBeGreaterThan(0);
  });
});
