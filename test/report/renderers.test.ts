import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/model/errors.js';
import { renderConsole } from '../../src/report/console.js';
import { renderJUnit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { RENDERERS, rendererFor, rendererNames } from '../../src/report/renderers.js';
import { fixtureSummary } from './fixture.js';

describe('renderers', () => {
  it('picks a renderer and its file by format name', () => {
    expect(rendererFor('md')).toEqual({ file: 'summary.md', render: renderMarkdown });
    expect(rendererFor('junit')).toEqual({ file: 'junit.xml', render: renderJUnit });
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

  it('renders from the summary alone, never reading cases (except formats flagged needsCases)', () => {
    const summary = fixtureSummary();
    Object.defineProperty(summary, 'cases', {
      get: () => {
        throw new Error('read cases');
      },
    });
    const summaryOnly = Object.values(RENDERERS).filter((r) => !('needsCases' in r));
    expect(summaryOnly.map((r) => r.file)).toEqual(['summary.md', 'junit.xml']);
    for (const renderer of summaryOnly) expect(renderer.render(summary).length).toBeGreaterThan(0);
    expect(renderConsole(summary, { color: true }).length).toBeGreaterThan(0);
  });
});
