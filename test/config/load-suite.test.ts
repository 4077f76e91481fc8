import { describe, expect, it } from 'vitest';
import type { SuiteOverrides } from '../../src/config/load-suite.js';
import type { ResolvedSuite } from '../../src/config/resolved.js';
import { GOLDEN, issuesOf, load, SUITE } from './helpers.js';

describe('loadSuite: a valid suite', () => {
  it('loads with every default filled', async () => {
    const { suite, warnings } = await load();
    expect(warnings).toEqual([]);
    expect(suite.file).toBe('suite.yaml');
    expect(suite.name).toBe('demo');
    expect(suite.golden).toEqual([{ file: 'golden.yaml', cases: suite.cases }]);
    expect(suite.cases.map((c) => [c.id, c.tags, c.critical])).toEqual([
      ['one', [], false],
      ['two', [], false],
    ]);
    expect(suite.sampling).toEqual({
      concurrency: 8,
      repeats: 1,
      timeout: 60_000,
      retries: 2,
      backoff: 250,
      warmup: 2,
      deadline: 1_800_000,
      readyTimeout: 60_000,
      maxResponseBytes: 4_194_304,
    });
    expect(suite.scoring).toEqual({ k: 5, driftTolerance: 0.3, assertPassRatio: 1, baselineMaxErrorRate: 0.2, minCases: 5 });
    // report.dir is resolved against the caller's cwd (the fixture directory), not the process's.
    expect(suite.report).toEqual({ formats: ['json', 'md', 'junit', 'html'], dir: expect.stringMatching(/^\/.*\/reports$/), topCases: 5 });
    expect(suite.thresholdSpecs.map((t) => t.id)).toEqual(['green.error_rate <= 1%']);
    expect(suite.targets.blue).toMatchObject({
      revision: 'blue',
      kind: 'openai-chat',
      url: 'http://127.0.0.1:8081/v1',
      model: 'm1',
      stream: false,
      answer: 'choices[0].message.content',
      docs: { preset: 'none' },
      readyUrl: 'http://127.0.0.1:8081/health/ready',
      headers: {},
      secretHeaders: [],
    });
    expect(suite.targets.green.url).toBe('http://127.0.0.1:8082/v1');
    expect(suite.configHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('parses durations and keeps values written in the suite', async () => {
    const { suite } = await load({
      'suite.yaml': `${SUITE}sampling:\n  concurrency: 16\n  timeout: 20s\n  deadline: 1.5m\n  readyTimeout: 0\n`,
    });
    expect(suite.sampling).toMatchObject({ concurrency: 16, timeout: 20_000, deadline: 90_000, readyTimeout: 0 });
  });

  const withSampling = `${SUITE}sampling:\n  concurrency: 16\n  timeout: 20s\nreport:\n  dir: out\n`;
  it.each<[string, SuiteOverrides, (s: ResolvedSuite) => unknown, unknown]>([
    [
      '--blue',
      { blue: 'http://10.0.0.5:9000/v1' },
      (s) => [s.targets.blue.url, s.targets.blue.readyUrl],
      ['http://10.0.0.5:9000/v1', 'http://10.0.0.5:9000/health/ready'],
    ],
    ['--green', { green: 'https://green.example.io/v1' }, (s) => s.targets.green.url, 'https://green.example.io/v1'],
    ['--concurrency', { concurrency: 3 }, (s) => s.sampling.concurrency, 3],
    ['--timeout 5s', { timeout: '5s' }, (s) => s.sampling.timeout, 5_000],
    ['--repeats', { repeats: 4 }, (s) => s.sampling.repeats, 4],
    ['--ready-timeout 0', { readyTimeout: '0' }, (s) => s.sampling.readyTimeout, 0],
    ['--out', { out: 'ci-reports' }, (s) => s.report.dir.split('/').at(-1), 'ci-reports'],
    ['--format', { formats: ['md', 'junit'] }, (s) => s.report.formats, ['md', 'junit']],
  ])('the flag %s wins over the suite', async (_flag, overrides, pick, expected) => {
    const { suite } = await load({ 'suite.yaml': withSampling }, { overrides });
    expect(pick(suite)).toEqual(expected);
  });

  it('keeps the suite values no flag overrides', async () => {
    const { suite } = await load({ 'suite.yaml': withSampling }, { overrides: { concurrency: 3 } });
    expect(suite.sampling).toMatchObject({ concurrency: 3, timeout: 20_000 });
    expect(suite.report.dir).toMatch(/^\/.*\/out$/);
  });

  it('expands ${ENV} references in headers, apiKey and url, and marks those headers secret', async () => {
    const yaml = SUITE.replace(
      '  model: m1',
      '  model: m1\n  apiKey: "${KEY}"\n  headers:\n    api-key: "${KEY}"\n    x-team: search',
    ).replace('http://127.0.0.1:8082/v1', '"${GREEN_URL}"');
    const { suite } = await load({ 'suite.yaml': yaml }, { env: { KEY: 's3cret', GREEN_URL: 'http://10.1.1.1/v1' } });
    expect(suite.targets.blue.headers).toEqual({ 'api-key': 's3cret', 'x-team': 'search' });
    expect(suite.targets.blue.secretHeaders).toEqual(['api-key']);
    expect(suite.targets.blue.apiKey).toBe('s3cret');
    expect(suite.targets.green.url).toBe('http://10.1.1.1/v1');
    expect(suite.configHash).toBe(
      (await load({ 'suite.yaml': yaml }, { env: { KEY: 'other', GREEN_URL: 'http://10.1.1.1/v1' } })).suite.configHash,
    );
  });

  it('loads an http-json target whose body every case can fill', async () => {
    const yaml = SUITE.replace(
      '  kind: openai-chat\n  model: m1',
      '  kind: http-json\n  body: { q: "{{question}}", drug: "{{vars.drug}}", id: "{{case.id}}" }\n  answer: data.answer\n  docs: { preset: sources }\n  readyPath: none',
    );
    const golden =
      'cases:\n  - { id: one, question: q1, vars: { drug: aspirin } }\n  - { id: two, question: q2, vars: { drug: ibuprofen } }\n';
    const { suite } = await load({ 'suite.yaml': yaml, 'golden.yaml': golden });
    expect(suite.targets.blue).toMatchObject({
      kind: 'http-json',
      answer: 'data.answer',
      docs: { preset: 'sources', path: 'sources', id: ['id'] },
      readyUrl: undefined,
    });
  });

  it('warns (without failing) when cases expect documents the targets cannot read', async () => {
    const { warnings } = await load({ 'golden.yaml': `${GOLDEN}  - { id: three, question: q, expected_docs: [d1] }\n` });
    expect(warnings.map((w) => [w.path, w.message])).toEqual([
      ['blue', 'golden cases have expected_docs but blue reads no retrieved documents, so RAG metrics stay empty'],
      ['green', 'golden cases have expected_docs but green reads no retrieved documents, so RAG metrics stay empty'],
    ]);
  });

  it('reads JSONL golden sets next to YAML ones', async () => {
    const { suite } = await load({
      'suite.yaml': SUITE.replace('golden: golden.yaml', 'golden: [golden.yaml, sets/more.jsonl]'),
      'sets/more.jsonl': '{"id": "three", "question": "q3"}\n\n{"id": 4, "messages": [{"role": "user", "content": "hi"}]}\n',
    });
    expect(suite.cases.map((c) => c.id)).toEqual(['one', 'two', 'three', '4']);
    expect(suite.golden.map((g) => [g.file, g.cases.length])).toEqual([
      ['golden.yaml', 2],
      ['sets/more.jsonl', 2],
    ]);
  });
});

describe('loadSuite: durations need a unit (issue 12)', () => {
  it.each<[string, Record<string, string>, SuiteOverrides]>([
    ['YAML timeout: 5', { 'suite.yaml': `${SUITE}sampling:\n  timeout: 5\n` }, {}],
    ['--timeout 5', {}, { timeout: '5' }],
  ])('%s is rejected with a hint "5s"?', async (_what, files, overrides) => {
    const issues = await issuesOf(files, { overrides });
    const issue = issues.find((i) => i.path.includes('timeout'));
    expect(issue?.message).toContain('a duration needs a unit, got');
    expect(issue?.hint).toContain('"5s"');
  });
});
