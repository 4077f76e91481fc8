// Every kind of config problem: file, YAML path, line, message and hint, checked word for word.
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/config/load-suite.js';
import type { SuiteOverrides } from '../../src/config/load-suite.js';
import { ConfigError, ConfigNotFoundError, type ConfigIssue } from '../../src/model/errors.js';
import { fixture, GOLDEN, issuesOf, SUITE } from './helpers.js';

interface Row {
  name: string;
  files: Record<string, string>;
  overrides?: SuiteOverrides;
  env?: Record<string, string>;
  issues: ConfigIssue[];
}

const suiteWith = (extra: string) => `${SUITE}${extra}`;
const UNITS_HINT = 'units: ms, s, m, h (e.g. 1.5s); only 0 may be written without a unit';
const SAMPLING_FIELDS =
  'concurrency, repeats, timeout, retries, backoff, warmup, deadline, readyTimeout, seed, maxAttempts, maxResponseBytes';

const suiteRows: Row[] = [
  {
    name: 'YAML syntax error, with its line',
    files: { 'suite.yaml': suiteWith('sampling:\n  timeout: [5s\n') },
    issues: [
      {
        file: 'suite.yaml',
        path: '',
        line: 13,
        message: 'YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
        hint: 'check indentation, quoting and brackets around that line',
      },
    ],
  },
  {
    name: 'unknown field (typo) at the path of the key, with a did-you-mean',
    files: { 'suite.yaml': suiteWith('sampling:\n  concurency: 4\n') },
    issues: [
      {
        file: 'suite.yaml',
        path: 'sampling.concurency',
        line: 13,
        message: 'unknown field "concurency" in sampling',
        hint: `did you mean "concurrency"? known fields in sampling: ${SAMPLING_FIELDS}`,
      },
    ],
  },
  {
    name: 'unknown top-level field and unknown threshold option',
    files: { 'suite.yaml': `${SUITE.replace('  - error_rate <= 1%', '  - check: error_rate <= 1%\n    tag: [x]')}thresold: []\n` },
    issues: [
      {
        file: 'suite.yaml',
        path: 'thresholds[0].tag',
        line: 12,
        message: 'unknown field "tag" in thresholds[0]',
        hint: 'did you mean "tags"? known fields in thresholds[0]: check, test, minEffect, maxRatio, tags, advisory, name',
      },
      {
        file: 'suite.yaml',
        path: 'thresold',
        line: 13,
        message: 'unknown field "thresold" at the top level',
        hint: 'did you mean "thresholds"? known fields at the top level: name, description, golden, target, blue, green, sampling, scoring, thresholds, statistics, report, rollout, secrets',
      },
    ],
  },
  {
    name: 'wrong type, with the value and its line',
    files: { 'suite.yaml': suiteWith('sampling:\n  repeats: "3"\nscoring:\n  k: [5]\n') },
    issues: [
      { file: 'suite.yaml', path: 'sampling.repeats', line: 13, message: 'expected a number, got string "3"' },
      { file: 'suite.yaml', path: 'scoring.k', line: 15, message: 'expected a number, got a list' },
    ],
  },
  {
    name: 'missing required field, empty string, out of range, not an enum value',
    files: {
      'suite.yaml': suiteWith('sampling:\n  concurrency: 0\nreport:\n  formats: [pdf]\n')
        .replace('name: demo\n', 'description: ""\n')
        .replace('  kind: openai-chat', '  kind: openai'),
    },
    issues: [
      { file: 'suite.yaml', path: 'name', line: 1, message: 'missing required field (expected string)' },
      { file: 'suite.yaml', path: 'target.kind', line: 4, message: 'expected one of "openai-chat", "http-json", got string "openai"' },
      { file: 'suite.yaml', path: 'sampling.concurrency', line: 13, message: 'must be at least 1, got 0' },
      {
        file: 'suite.yaml',
        path: 'report.formats[0]',
        line: 15,
        message: 'expected one of "json", "md", "junit", "html", got string "pdf"',
      },
    ],
  },
  {
    name: 'golden of the wrong type',
    files: { 'suite.yaml': SUITE.replace('golden: golden.yaml', 'golden: 3') },
    issues: [{ file: 'suite.yaml', path: 'golden', line: 2, message: 'expected a string or a list, got number 3' }],
  },
  {
    name: 'bad duration',
    files: { 'suite.yaml': suiteWith('sampling:\n  timeout: 5 minutes\n') },
    issues: [
      {
        file: 'suite.yaml',
        path: 'sampling.timeout',
        line: 13,
        message: 'expected a duration like "800ms", "30s" or "10m", got "5 minutes"',
        hint: UNITS_HINT,
      },
    ],
  },
  {
    name: 'bad flag values name the flag and no suite line',
    files: { 'suite.yaml': suiteWith('sampling:\n  timeout: 20s\n') },
    overrides: { timeout: '5 minutes', formats: ['xml'], blue: 'localhost:8081' },
    issues: [
      {
        file: 'suite.yaml',
        path: 'report.formats[0]',
        message: 'expected one of "json", "md", "junit", "html", got string "xml" (from --format)',
      },
      {
        file: 'suite.yaml',
        path: 'sampling.timeout',
        message: 'expected a duration like "800ms", "30s" or "10m", got "5 minutes" (from --timeout)',
        hint: UNITS_HINT,
      },
      {
        file: 'suite.yaml',
        path: 'blue.url',
        message: 'not an http(s) URL: localhost:8081 (from --blue)',
        hint: 'use an absolute http(s) URL, e.g. http://127.0.0.1:8081/v1',
      },
    ],
  },
  {
    name: 'missing blue URL: the hint mentions --blue',
    files: { 'suite.yaml': SUITE.replace('blue:\n  url: http://127.0.0.1:8081/v1\n', '') },
    issues: [
      { file: 'suite.yaml', path: 'blue', line: 1, message: 'blue has no URL', hint: 'set blue.url in the suite or pass --blue <url>' },
    ],
  },
  {
    name: 'invalid URL and credentials in a URL',
    files: {
      'suite.yaml': SUITE.replace('http://127.0.0.1:8081/v1', 'not a url').replace('http://127.0.0.1:8082/v1', 'http://user:pw@host/v1'),
    },
    issues: [
      {
        file: 'suite.yaml',
        path: 'blue.url',
        line: 7,
        message: 'not a valid URL: not a url',
        hint: 'use an absolute http(s) URL, e.g. http://127.0.0.1:8081/v1',
      },
      {
        file: 'suite.yaml',
        path: 'green.url',
        line: 9,
        message: 'credentials in the URL',
        hint: 'put secrets in headers as ${ENV_VAR} references',
      },
    ],
  },
  {
    name: 'literal secret in headers.api-key and apiKey: refused with the ${ENV} hint',
    files: { 'suite.yaml': SUITE.replace('  model: m1', '  model: m1\n  apiKey: sk-123\n  headers:\n    api-key: abc123') },
    issues: [
      {
        file: 'suite.yaml',
        path: 'target.apiKey',
        line: 6,
        message: 'apiKey holds a literal secret',
        hint: 'write it as ${OPENAI_API_KEY} (any variable name) and export that variable; suites are committed, secrets are not',
      },
      {
        file: 'suite.yaml',
        path: 'target.headers.api-key',
        line: 8,
        message: 'header "api-key" holds a literal secret',
        hint: 'write it as ${MY_API_KEY} and export that variable; suites are committed, secrets are not',
      },
    ],
  },
  {
    name: 'missing env var is named (reported once for the shared target)',
    files: {
      'suite.yaml': SUITE.replace('  model: m1', '  model: m1\n  headers:\n    authorization: "Bearer ${PHARMA_TOKEN}"').replace(
        'http://127.0.0.1:8082/v1',
        '"${GREEN_URL}"',
      ),
    },
    env: { OTHER: 'x' },
    issues: [
      {
        file: 'suite.yaml',
        path: 'target.headers.authorization',
        line: 7,
        message: 'environment variable PHARMA_TOKEN is not set',
        hint: 'export PHARMA_TOKEN=… before running revgate (secrets are only read from the environment)',
      },
      {
        file: 'suite.yaml',
        path: 'green.url',
        line: 11,
        message: 'environment variable GREEN_URL is not set',
        hint: 'export GREEN_URL=… before running revgate (secrets are only read from the environment)',
      },
    ],
  },
  {
    name: 'fields of the other target kind',
    files: {
      'suite.yaml': SUITE.replace('  kind: openai-chat\n  model: m1', '  kind: http-json\n  model: m1').replace(
        '  url: http://127.0.0.1:8082/v1',
        '  url: http://127.0.0.1:8082/v1\n  kind: openai-chat\n  answer: text\n  body: { q: "{{question}}" }',
      ),
    },
    issues: [
      {
        file: 'suite.yaml',
        path: 'target.model',
        line: 5,
        message: 'model applies to kind openai-chat only',
        hint: 'remove it, or set kind: openai-chat',
      },
      {
        file: 'suite.yaml',
        path: 'green.answer',
        line: 11,
        message: 'answer applies to kind http-json only',
        hint: 'openai-chat builds the request from the case messages and reads choices[0].message.content; remove it, or set kind: http-json',
      },
      {
        file: 'suite.yaml',
        path: 'green.body',
        line: 12,
        message: 'body applies to kind http-json only',
        hint: 'openai-chat builds the request from the case messages and reads choices[0].message.content; remove it, or set kind: http-json',
      },
    ],
  },
  {
    name: 'http-json: body placeholders cases cannot fill, bad paths, bad readyPath',
    files: {
      'suite.yaml': SUITE.replace(
        '  kind: openai-chat\n  model: m1',
        '  kind: http-json\n  body: { q: "{{question}}", drug: "{{vars.drug}}", x: "{{qustion}}" }\n  answer: "data..text"\n  docs: { path: "items[x" }\n  readyPath: health',
      ),
      'golden.yaml': `${GOLDEN}  - { id: three, question: q, vars: { drug: d } }\n  - { id: four, question: q }\n  - { id: five, question: q }\n`,
    },
    issues: [
      {
        file: 'suite.yaml',
        path: 'target.body',
        line: 5,
        message: '{{vars.drug}} has no value for 4 cases: "one", "two", "four" and 1 more',
        hint: 'add `vars: { drug: … }` to those cases, or remove {{vars.drug}} from the body',
      },
      {
        file: 'suite.yaml',
        path: 'target.body',
        line: 5,
        message: 'unknown placeholder {{qustion}}',
        hint: 'placeholders: {{question}}, {{messages}}, {{case.id}}, {{vars.<name>}}',
      },
      {
        file: 'suite.yaml',
        path: 'target.answer',
        line: 6,
        message: 'invalid path "data..text": expected names separated by dots and [n] indexes, e.g. choices[0].message.content',
        hint: 'names separated by dots, list indexes in brackets: answer, data.text, choices[0].message.content',
      },
      {
        file: 'suite.yaml',
        path: 'target.docs.path',
        line: 7,
        message: 'invalid path "items[x": expected names separated by dots and [n] indexes, e.g. choices[0].message.content',
        hint: 'names separated by dots, list indexes in brackets: answer, data.text, choices[0].message.content',
      },
      {
        file: 'suite.yaml',
        path: 'target.readyPath',
        line: 8,
        message: 'readyPath "health" is neither a path starting with "/" nor an absolute URL',
        hint: 'write e.g. /health/ready (resolved against the target URL), https://host/ready, or "none" to skip the readiness check',
      },
    ],
  },
  {
    name: 'bad thresholds, each with its YAML line',
    files: {
      'suite.yaml': SUITE.replace(
        '  - error_rate <= 1%',
        '  - error_rate <= 1%\n  - latncy.p95 < 1s\n  - check: rag.recall@3 >= 0.5\n    advisory: true',
      ),
    },
    issues: [
      { file: 'suite.yaml', path: 'thresholds[1]', line: 12, message: 'unknown metric "latncy.p95"', hint: 'did you mean "latency.p95"?' },
      {
        file: 'suite.yaml',
        path: 'thresholds[2].check',
        line: 13,
        message: 'unknown metric "rag.recall@3": scoring.k is 5',
        hint: 'write "rag.recall@5", or set scoring.k: 3 to gate on the top 3',
      },
    ],
  },
];

const goldenRows: Row[] = [
  {
    name: 'golden file not found: the path as written in the suite',
    files: { 'suite.yaml': SUITE.replace('golden: golden.yaml', 'golden: [golden.yaml, ../sets/missing.yaml]') },
    issues: [
      {
        file: 'suite.yaml',
        path: 'golden[1]',
        line: 2,
        message: 'golden file not found: ../sets/missing.yaml',
        hint: 'golden paths are relative to the suite file',
      },
    ],
  },
  {
    name: 'JSONL with a bad line: file and line number',
    files: {
      'suite.yaml': SUITE.replace('golden: golden.yaml', 'golden: [golden.yaml, more.jsonl]'),
      'more.jsonl': '{"id": "a", "question": "q"}\n{"id": "b", question}\n{"id": "c", "question": "q", "critical": "yes"}\n',
    },
    issues: [
      {
        file: 'more.jsonl',
        path: '',
        line: 2,
        message: 'invalid JSON: Expected double-quoted property name in JSON at position 12',
        hint: 'JSONL holds one JSON object per line',
      },
      { file: 'more.jsonl', path: 'critical', line: 3, message: 'expected a boolean, got string "yes"' },
    ],
  },
  {
    name: 'a case with neither messages nor question',
    files: { 'golden.yaml': `${GOLDEN}  - id: three\n    reference: r\n` },
    issues: [
      {
        file: 'golden.yaml',
        path: 'cases[2]',
        line: 6,
        message: 'a case needs `messages`, `question` or `vars`',
        hint: 'add `question: …` (single turn) or `messages: [{role: user, content: …}]` (multi-turn)',
      },
    ],
  },
  {
    name: 'a multi-turn case that does not end with the user',
    files: { 'golden.yaml': '- id: mt\n  messages:\n    - { role: user, content: hi }\n    - { role: assistant, content: hello }\n' },
    issues: [
      {
        file: 'golden.yaml',
        path: '[0].messages[1].role',
        line: 4,
        message: 'the last message must have role "user"',
        hint: 'the revision answers the last user message; drop trailing assistant/system messages',
      },
    ],
  },
  {
    name: 'duplicate ids across files, with where the first one is',
    files: {
      'suite.yaml': SUITE.replace('golden: golden.yaml', 'golden: [golden.yaml, more.jsonl]'),
      'more.jsonl': '{"id": "x", "question": "q"}\n{"id": "two", "question": "q"}\n',
    },
    issues: [
      {
        file: 'more.jsonl',
        path: 'id',
        line: 2,
        message: 'duplicate case id "two" (first in golden.yaml:4)',
        hint: 'case ids must be unique across all golden files of a suite',
      },
    ],
  },
  {
    name: 'invalid regex, unknown assertion type, unknown case field',
    files: {
      'golden.yaml': `${GOLDEN}  - id: three\n    question: q\n    tgs: [a]\n    assert:\n      - { type: regex, pattern: "dose (mg" }\n  - id: four\n    question: q\n    assert:\n      - { type: contain, value: x }\n`,
    },
    issues: [
      {
        file: 'golden.yaml',
        path: 'cases[2].tgs',
        line: 8,
        message: 'unknown field "tgs" in cases[2]',
        hint: 'did you mean "tags"? known fields in cases[2]: id, messages, question, vars, reference, expected_docs, assert, tags, critical',
      },
      {
        file: 'golden.yaml',
        path: 'cases[3].assert[0].type',
        line: 14,
        message: 'unknown type "contain"',
        hint: 'type is one of: contains, not-contains, regex, not-regex, json, json-schema, max-length, min-length, not-refusal, refusal',
      },
    ],
  },
  {
    name: 'invalid regex in an otherwise valid case',
    files: { 'golden.yaml': `${GOLDEN}  - id: three\n    question: q\n    assert:\n      - { type: regex, pattern: "dose (mg" }\n` },
    issues: [
      {
        file: 'golden.yaml',
        path: 'cases[2].assert[0].pattern',
        line: 9,
        message: 'invalid regular expression: Invalid regular expression: /dose (mg/: Unterminated group',
        hint: 'patterns are JavaScript regular expressions; escape backslashes in YAML double quotes or use single quotes',
      },
    ],
  },
  {
    name: 'a golden file that is not a list of cases',
    files: { 'golden.yaml': 'id: one\nquestion: q\n' },
    issues: [
      {
        file: 'golden.yaml',
        path: '',
        line: 1,
        message: 'expected a list of cases or a mapping with `cases:`',
        hint: 'see golden/pharmabot.yaml for an example',
      },
    ],
  },
];

describe('loadSuite: suite problems', () => {
  it.each(suiteRows)('$name', async ({ files, overrides, env, issues }) => {
    expect(await issuesOf(files, { overrides, env })).toEqual(issues);
  });
});

describe('loadSuite: golden set problems', () => {
  it.each(goldenRows)('$name', async ({ files, overrides, env, issues }) => {
    expect(await issuesOf(files, { overrides, env })).toEqual(issues);
  });
});

describe('loadSuite: every problem at once', () => {
  it('reports problems in several files together in one ConfigError', async () => {
    const cwd = await fixture({
      'suites/gate.yaml': [
        'name: gate',
        'golden: [../golden/a.yaml, ../golden/b.jsonl]',
        'target:',
        '  headers: { api-key: "${API_KEY}" }',
        'blue: { url: "http://127.0.0.1:8081/v1" }',
        'green: { url: "http://127.0.0.1:8082/v1" }',
        'sampling:',
        '  concurency: 4',
        '  timeout: 5 minutes',
        'thresholds:',
        '  - latncy.p95 < 1s',
        '',
      ].join('\n'),
      'golden/a.yaml': '- id: a1\n  question: q\n- id: a2\n',
      'golden/b.jsonl': '{"id": "a1", "question": "q"}\nnot json\n',
    });
    const error = await loadSuite('suites/gate.yaml', { cwd, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect((error as ConfigError).message).toBe('7 problems in the configuration');
    expect(issues.map((i) => `${i.file}:${i.line ?? '-'} ${i.path}: ${i.message}`)).toEqual([
      'suites/gate.yaml:4 target.headers.api-key: environment variable API_KEY is not set',
      'suites/gate.yaml:8 sampling.concurency: unknown field "concurency" in sampling',
      'suites/gate.yaml:9 sampling.timeout: expected a duration like "800ms", "30s" or "10m", got "5 minutes"',
      'suites/gate.yaml:11 thresholds[0]: unknown metric "latncy.p95"',
      'golden/a.yaml:3 [1]: a case needs `messages`, `question` or `vars`',
      'golden/b.jsonl:1 id: duplicate case id "a1" (first in golden/a.yaml:1)',
      'golden/b.jsonl:2 : invalid JSON: Unexpected token \'o\', "not json" is not valid JSON',
    ]);
  });

  it('a missing suite file is ConfigNotFoundError', async () => {
    const cwd = await fixture({});
    await expect(loadSuite('nope.yaml', { cwd })).rejects.toBeInstanceOf(ConfigNotFoundError);
  });

  it('a suite that is not a mapping', async () => {
    expect(await issuesOf({ 'suite.yaml': '- a\n- b\n' })).toEqual([
      { file: 'suite.yaml', path: '', line: 1, message: 'a suite is a YAML mapping', hint: 'see suites/pharmabot.yaml for an example' },
    ]);
  });
});
