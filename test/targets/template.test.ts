import { describe, expect, it } from 'vitest';
import { DEFAULT_BODY, missingPlaceholders, renderBody, TemplateError } from '../../src/targets/template.js';
import { caseMessages, caseQuestion } from '../../src/targets/messages.js';
import { golden } from './fixtures.js';

describe('renderBody', () => {
  it('default body: question and messages', () => {
    expect(renderBody(undefined, golden({ id: 'c1', question: 'Max dose?' }))).toEqual({
      question: 'Max dose?',
      messages: [{ role: 'user', content: 'Max dose?' }],
    });
    expect(DEFAULT_BODY).toEqual({ question: '{{question}}', messages: '{{messages}}' });
  });

  it('walks nested objects and arrays, interpolating strings and keeping var types', () => {
    const template = {
      input: { text: 'Q: {{question}} ({{ vars.lang }})', id: '{{case.id}}', n: '{{vars.n}}', flag: '{{vars.strict}}' },
      history: '{{messages}}',
      tags: ['fixed', '{{vars.lang}}', 42, null, true],
      note: 'n={{vars.n}} all={{messages}}',
    };
    const c = golden({ id: 'c7', question: 'Why?', vars: { lang: 'fr', n: 3, strict: false } });
    expect(renderBody(template, c)).toEqual({
      input: { text: 'Q: Why? (fr)', id: 'c7', n: 3, flag: false },
      history: [{ role: 'user', content: 'Why?' }],
      tags: ['fixed', 'fr', 42, null, true],
      note: 'n=3 all=[{"role":"user","content":"Why?"}]',
    });
  });

  it('does not modify the template', () => {
    const template = { q: '{{question}}' };
    renderBody(template, golden({ id: 'a', question: 'x' }));
    expect(template).toEqual({ q: '{{question}}' });
  });

  it('throws TemplateError for a placeholder the case cannot fill', () => {
    expect(() => renderBody({ q: '{{vars.drug}}' }, golden({ id: 'c2', question: 'x' }))).toThrow(TemplateError);
    expect(() => renderBody({ q: 'a {{nope}}' }, golden({ id: 'c2', question: 'x' }))).toThrow('{{nope}} has no value for case "c2"');
  });

  it('missingPlaceholders lists them without throwing', () => {
    expect(missingPlaceholders({ a: '{{vars.x}} {{question}}', b: ['{{vars.y}}'] }, golden({ id: 'c', vars: { x: 1 } }))).toEqual([
      'vars.y',
    ]);
  });
});

describe('case messages', () => {
  it('vars-only cases ask vars.question, else the vars as JSON', () => {
    expect(caseQuestion(golden({ id: 'a', vars: { question: 'Q?', x: 1 } }))).toBe('Q?');
    expect(caseQuestion(golden({ id: 'a', vars: { drug: 'x', dose: 2 } }))).toBe('{"drug":"x","dose":2}');
  });

  it('system is prepended only when the case has none', () => {
    expect(caseMessages(golden({ id: 'a', question: 'Q' }), 'Be brief')).toEqual([
      { role: 'system', content: 'Be brief' },
      { role: 'user', content: 'Q' },
    ]);
    const own = [
      { role: 'system' as const, content: 'Mine' },
      { role: 'user' as const, content: 'Q' },
    ];
    expect(caseMessages(golden({ id: 'a', messages: own }), 'Be brief')).toEqual(own);
  });
});
