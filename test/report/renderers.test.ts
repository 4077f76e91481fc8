import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { renderConsole } from '../../src/report/console.js';
import { renderJUnit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { RENDERERS, rendererFor, rendererNames } from '../../src/report/renderers.js';
import { fixtureSummary } from './fixture.js';

describe('renderers', () => {
  it('picks a renderer and its file by format name', () => {
    expect(rendererFor('md')).toEqual({ file: 'summary.md', render: renderMarkdown });
    expect(rendererFor('junit')).toEqual({ file: 'junit.xml', render: renderJUnit });
    expect(rendererNames()).toEqual(['md', 'junit']);
  });

  it('refuses unknown names, including inherited keys, naming the known ones', () => {
    for (const name of ['html', 'toString', '__proto__']) {
      expect(() => rendererFor(name)).toThrow(UsageError);
    }
    expect(() => rendererFor('html')).toThrow('unknown report format "html"');
    try {
      rendererFor('html');
    } catch (e) {
      expect((e as UsageError).hint).toBe('expected one of: md, junit');
    }
  });

  it('renders from the summary alone, never reading cases', () => {
    const summary = fixtureSummary();
    Object.defineProperty(summary, 'cases', { get: () => { throw new Error('read cases'); } });
    for (const renderer of Object.values(RENDERERS)) expect(renderer.render(summary).length).toBeGreaterThan(0);
    expect(renderConsole(summary, { color: true }).length).toBeGreaterThan(0);
  });
});
