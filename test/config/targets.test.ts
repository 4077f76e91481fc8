// Target resolution details that load: readiness URLs, answer/docs paths, per-revision fields.
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/config/load-suite.js';
import { ConfigError } from '../../src/model/errors.js';
import { fixture, GOLDEN, load, SUITE } from './helpers.js';

describe('resolveTarget', () => {
  it.each([
    ['/health/ready', 'http://127.0.0.1:8081/health/ready'],
    ['/v1/ready?deep=1', 'http://127.0.0.1:8081/v1/ready?deep=1'],
    ['https://status.example.io/ready', 'https://status.example.io/ready'],
    ['none', undefined],
    ['""', undefined],
  ])('readyPath %s → %s', async (readyPath, readyUrl) => {
    const { suite } = await load({ 'suite.yaml': SUITE.replace('  model: m1', `  model: m1\n  readyPath: ${readyPath}`) });
    expect(suite.targets.blue.readyUrl).toBe(readyUrl);
  });

  it.each(['answer', 'data.items[0].text', 'choices[0].message.content'])('accepts the answer path %s', async (answer) => {
    const { suite } = await load({
      'suite.yaml': SUITE.replace(
        '  kind: openai-chat\n  model: m1',
        `  kind: http-json\n  answer: "${answer}"\n  docs: { path: "result.sources", id: [doc_id, url] }`,
      ),
    });
    expect(suite.targets.green).toMatchObject({
      kind: 'http-json',
      answer,
      docs: { preset: 'custom', path: 'result.sources', id: ['doc_id', 'url'] },
    });
  });

  it('per-revision fields override the shared target', async () => {
    const yaml = SUITE.replace(
      '  url: http://127.0.0.1:8082/v1',
      '  url: http://127.0.0.1:8082/v1\n  model: m2\n  headers: { x-rev: green }',
    ).replace('  model: m1', '  model: m1\n  headers: { x-team: search, x-rev: shared }');
    const { suite } = await load({ 'suite.yaml': yaml });
    expect([suite.targets.blue.model, suite.targets.green.model]).toEqual(['m1', 'm2']);
    expect(suite.targets.green.headers).toEqual({ 'x-team': 'search', 'x-rev': 'green' });
    expect(suite.targets.blue.headers).toEqual({ 'x-team': 'search', 'x-rev': 'shared' });
  });

  it('golden paths are resolved from the suite file; a missing one names both paths', async () => {
    const cwd = await fixture({
      'suites/s.yaml': SUITE.replace('golden: golden.yaml', 'golden: [../golden/ok.yaml, ../golden/missing.yaml]'),
      'golden/ok.yaml': GOLDEN,
    });
    const error = (await loadSuite('suites/s.yaml', { cwd, env: {} }).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues).toEqual([
      {
        file: 'suites/s.yaml',
        path: 'golden[1]',
        line: 2,
        message: 'golden file not found: ../golden/missing.yaml (looked for golden/missing.yaml)',
        hint: 'golden paths are relative to the suite file',
      },
    ]);
  });

  it("a YAML syntax error in a golden file is reported with its file and line, with the suite's own problems", async () => {
    const cwd = await fixture({
      'suite.yaml': `${SUITE}scoring: { k: 0 }\n`,
      'golden.yaml': 'cases:\n  - id: one\n    question: "unclosed\n',
    });
    const error = (await loadSuite('suite.yaml', { cwd, env: {} }).catch((e: unknown) => e)) as ConfigError;
    expect(error.issues.map((i) => [i.file, i.line, i.path, i.message])).toEqual([
      ['suite.yaml', 12, 'scoring.k', 'must be at least 1, got 0'],
      ['golden.yaml', 3, '', 'YAML syntax: Missing closing "quote'],
    ]);
  });
});
