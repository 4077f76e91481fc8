import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadGoldenFile } from '../../src/config/golden.js';
import { rewriteGolden } from '../../src/record/golden-writer.js';

const SOURCE = `# yaml-language-server: $schema=../schemas/golden.schema.json
# Curated cases.
description: Pharmacy cases
cases:
  - id: dose   # the dosing case
    question: How much ibuprofen?
    reference: >-
      Up to 400 mg every
      six hours.
    expected_docs: [doc-1]
    critical: true
    tags: [dose]
    assert:
      - { type: contains, value: mg }
  - id: 42
    messages:
      - { role: user, content: Hi }
    tags: [chat]
  - id: kept
    question: Unchanged?
    reference: old reference
`;

const header = ['Recorded by revgate record from blue http://127.0.0.1:1/v1', 'Review before committing.'];

async function validate(text: string, name = 'out.yaml') {
  const dir = await mkdtemp(join(tmpdir(), 'revgate-writer-'));
  const file = join(dir, name);
  await writeFile(file, text);
  return loadGoldenFile(file, name);
}

describe('rewriteGolden', () => {
  const recordings = new Map([
    ['dose', { answer: 'Take 200 to 400 mg\nevery 4 to 6 hours: "with food" # not a comment', docs: ['doc-9', 'doc-1'] }],
    ['42', { answer: 'Hello! How can I help?', docs: null }],
  ]);

  it('replaces references, keeps every other field, comments and styles, and adds the header', async () => {
    const text = rewriteGolden(SOURCE, { format: 'yaml', recordings, updateDocs: false, header });
    expect(text.startsWith('# Recorded by revgate record from blue http://127.0.0.1:1/v1\n# Review before committing.\n')).toBe(true);
    expect(text).toContain('# yaml-language-server: $schema=../schemas/golden.schema.json\n# Curated cases.\n');
    expect(text).toContain('  - id: dose # the dosing case\n');
    expect(text).toContain('    reference: >-\n'); // the folded style of the old reference is kept
    expect(text).toContain('    tags: [dose]\n');
    const r = await validate(text);
    expect(r.issues).toEqual([]);
    const before = parse(SOURCE) as { cases: Record<string, unknown>[] };
    const after = parse(text) as { description: string; cases: Record<string, unknown>[] };
    expect(after.description).toBe('Pharmacy cases');
    expect(after.cases[0]).toEqual({ ...before.cases[0], reference: recordings.get('dose')!.answer });
    expect(after.cases[1]).toEqual({ ...before.cases[1], reference: 'Hello! How can I help?' });
    expect(after.cases[2]).toEqual(before.cases[2]);
  });

  it('sets expected_docs from the retrieved documents only with updateDocs', () => {
    const off = parse(rewriteGolden(SOURCE, { format: 'yaml', recordings, updateDocs: false, header })) as {
      cases: Record<string, unknown>[];
    };
    const on = parse(rewriteGolden(SOURCE, { format: 'yaml', recordings, updateDocs: true, header })) as {
      cases: Record<string, unknown>[];
    };
    expect(off.cases[0]!['expected_docs']).toEqual(['doc-1']);
    expect(on.cases[0]!['expected_docs']).toEqual(['doc-9', 'doc-1']);
    expect(on.cases[1]!['expected_docs']).toBeUndefined(); // none reported: nothing set
  });

  it('rebuilds a JSONL golden set as YAML with every field', async () => {
    const jsonl = `${JSON.stringify({ id: 'a', question: 'Q?', reference: 'old', expected_docs: ['d1'], tags: ['t'] })}\n${JSON.stringify({ id: 'b', question: 'R?' })}\n`;
    const text = rewriteGolden(jsonl, {
      format: 'jsonl',
      recordings: new Map([['b', { answer: 'new b', docs: ['d2'] }]]),
      updateDocs: false,
      header,
    });
    const r = await validate(text);
    expect(r.issues).toEqual([]);
    expect(r.cases).toEqual([
      { id: 'a', question: 'Q?', reference: 'old', expected_docs: ['d1'], tags: ['t'], critical: false },
      { id: 'b', question: 'R?', reference: 'new b', tags: [], critical: false },
    ]);
  });

  it('writes any answer so that it reads back exactly (YAML syntax in answers, trailing spaces, a kept folded style)', async () => {
    const long =
      'Asthma is a long-term disease that has no cure. The goal of asthma treatment is to control the disease. Good asthma control will: - prevent symptoms # always';
    const tricky = new Map([
      ['dose', { answer: 'line one  \n  indented: two\n\n', docs: null }],
      ['kept', { answer: long, docs: null }],
      ['42', { answer: '- [not] a list: {x: 1} & *alias', docs: null }],
    ]);
    const text = rewriteGolden(SOURCE, { format: 'yaml', recordings: tricky, updateDocs: false, header });
    const r = await validate(text);
    expect(r.issues).toEqual([]);
    expect(Object.fromEntries(r.cases.map((c) => [c.id, c.reference]))).toEqual({
      dose: tricky.get('dose')!.answer,
      42: tricky.get('42')!.answer,
      kept: long,
    });
  });
});
