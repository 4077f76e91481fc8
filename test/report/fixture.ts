// A realistic failing report summary with hostile text, used by every renderer test.
import type { CheckResult } from '../../src/model/verdict.js';
import { REPORT_SCHEMA_VERSION, type Report, type ReportSummary } from '../../src/model/report.js';
import type { CaseRecord, FlatMetrics, RevisionCaseResult } from '../../src/model/metrics.js';

/** Text an answer might contain that breaks naive Markdown, HTML or XML output. */
export const HOSTILE = 'Take 200 | 400 mg <script>alert("x")</script> `rm -rf` </details> & ```js\nboom\n``` **bold**';
export const CONTROL = 'bell\u0007 nul\u0000 esc\u001b vt\u000b lone\uD800 ok';

function m(value: number | null, n = 120): { value: number | null; n: number } {
  return { value, n: value === null ? 0 : n };
}

const blue: FlatMetrics = {
  cases: m(120),
  attempts: m(360),
  error_rate: m(0.004, 360),
  'errors.5xx': m(0.004, 360),
  'errors.timeout': m(0, 360),
  'latency.p50': m(640),
  'latency.p95': m(812),
  'latency.p99': m(1450),
  'latency.mean': m(700),
  'ttft.p95': m(null),
  'rag.hit@5': m(0.93),
  'rag.recall@5': m(0.81),
  'rag.mrr': m(0.74),
  'rag.ndcg@5': m(0.77),
  'ref.rougeL.mean': m(0.412),
  refusal_rate: m(0.017),
  'tokens.total.mean': m(512),
  'tokens.completion.mean': m(180),
};
const green: FlatMetrics = {
  ...blue,
  error_rate: m(0.031, 360),
  'errors.5xx': m(0.028, 360),
  'errors.timeout': m(0.003, 360),
  'latency.p50': m(700),
  'latency.p95': m(1210),
  'latency.p99': m(2600),
  'rag.hit@5': m(0.9),
  'rag.recall@5': m(0.72),
  'rag.mrr': m(0.7),
  'rag.ndcg@5': m(0.71),
  'ref.rougeL.mean': m(0.388),
  refusal_rate: m(0.05),
  'tokens.total.mean': m(540),
};

function check(partial: Partial<CheckResult> & Pick<CheckResult, 'name' | 'status' | 'reason'>): CheckResult {
  return { id: partial.name, kind: 'threshold', expr: partial.name, advisory: false, value: null, n: 120, ...partial };
}

export const CHECKS: CheckResult[] = [
  check({
    name: 'green latency.p95 < 1s',
    scope: 'green',
    metric: 'latency.p95',
    op: '<',
    limit: 1000,
    value: 1210,
    blue: 812,
    green: 1210,
    status: 'fail',
    reason: 'latency.p95 1.2s >= limit 1s',
  }),
  check({
    name: 'error_rate delta < 1%',
    scope: 'delta',
    metric: 'error_rate',
    op: '<',
    limit: 0.01,
    value: 0.027,
    blue: 0.004,
    green: 0.031,
    n: 360,
    status: 'fail',
    reason: 'error_rate rose by 2.7% (limit 1%) | p=0.002',
  }),
  check({
    name: 'rag.recall@5 >= 0.8',
    scope: 'green',
    metric: 'rag.recall@5',
    op: '>=',
    limit: 0.8,
    value: 0.72,
    blue: 0.81,
    green: 0.72,
    status: 'fail',
    reason: 'rag.recall@5 0.720 < 0.8 <worse>',
  }),
  check({
    name: 'drift.rougeL.mean > 0.6',
    scope: 'pair',
    metric: 'drift.rougeL.mean',
    op: '>',
    limit: 0.6,
    value: null,
    n: 0,
    status: 'inconclusive',
    reason: 'no data: no case had output on both sides',
  }),
  check({
    name: 'ttft.p95 < 400ms',
    scope: 'green',
    metric: 'ttft.p95',
    op: '<',
    limit: 400,
    value: null,
    n: 0,
    status: 'error',
    reason: `ttft not measured: target does not stream ${CONTROL}`,
  }),
  check({
    name: 'ref.rougeL.mean ratio > 0.9',
    scope: 'ratio',
    metric: 'ref.rougeL.mean',
    op: '>',
    limit: 0.9,
    value: 0.942,
    blue: 0.412,
    green: 0.388,
    status: 'pass',
    reason: 'ratio 0.942 > 0.9',
  }),
  check({
    name: 'latency.p50 < 800ms',
    scope: 'green',
    metric: 'latency.p50',
    op: '<',
    limit: 800,
    value: 700,
    blue: 640,
    green: 700,
    status: 'pass',
    reason: 'latency.p50 700ms < 800ms',
  }),
  check({
    name: 'refusal_rate < 2%',
    scope: 'green',
    metric: 'refusal_rate',
    op: '<',
    limit: 0.02,
    value: 0.05,
    blue: 0.017,
    green: 0.05,
    advisory: true,
    status: 'fail',
    reason: 'refusal_rate 5.0% >= 2% (advisory)',
  }),
  check({
    name: 'tokens.total.mean < 500',
    scope: 'green',
    metric: 'tokens.total.mean',
    op: '<',
    limit: 500,
    value: null,
    n: 0,
    advisory: true,
    status: 'inconclusive',
    reason: 'advisory: too few observations',
  }),
  check({
    name: 'critical dosage-01',
    kind: 'critical',
    expr: 'critical dosage-01',
    value: null,
    n: 3,
    status: 'fail',
    reason: 'critical case dosage-01 failed: contains "200 mg" 1/3',
  }),
  check({
    name: 'run complete',
    kind: 'run',
    expr: 'run complete',
    value: 118,
    n: 120,
    status: 'fail',
    reason: 'run incomplete: 118 of 120 cases (SIGINT)',
  }),
];

/** Statistical checks as evaluateStatistical writes them (see test/gate/statistical.test.ts). */
export const STAT_CHECKS: CheckResult[] = [
  {
    id: 'test ref.rougeL',
    name: 'ref.rougeL',
    kind: 'statistical',
    expr: 'test ref.rougeL (minEffect 0.02)',
    scope: 'delta',
    metric: 'ref.rougeL',
    limit: 0.02,
    tags: [],
    advisory: false,
    value: -0.061,
    blue: 0.412,
    green: 0.351,
    n: 120,
    status: 'fail',
    reason:
      'ref.rougeL: regression −0.061 [−0.082, −0.041] beyond −0.02 (Wilcoxon p=0.0003, Holm p=0.0009 (Holm-adjusted over 2 checks), n=120, r=−0.54)',
    stats: {
      test: 'Wilcoxon signed-rank + paired BCa bootstrap (2000 resamples)',
      pValue: 0.0003,
      pAdjusted: 0.0009,
      estimate: -0.061,
      interval: [-0.082, -0.041],
      confidence: 0.95,
      effectSize: { name: 'rank-biserial r', value: -0.54 },
      minEffect: 0.02,
      noiseFloor: null,
      outcome: 'regression',
      n: 120,
      needed: null,
    },
  },
  {
    id: 'test drift.noise',
    name: 'drift.noise',
    kind: 'statistical',
    expr: 'test drift.noise (minEffect 0.05)',
    scope: 'delta',
    metric: 'drift.noise',
    limit: 0.05,
    tags: [],
    advisory: false,
    value: -0.01,
    blue: 0.72,
    green: 0.71,
    n: 14,
    status: 'inconclusive',
    reason:
      'drift.noise: insufficient data −0.01 [−0.09, +0.06] crosses −0.05 (Wilcoxon p=0.5, Holm p=1 (Holm-adjusted over 2 checks), n=14, r=−0.1, noise floor 0.72); about 95 more cases at the observed sd 0.12 to resolve a 0.05 effect',
    stats: {
      test: 'Wilcoxon signed-rank + paired BCa bootstrap (2000 resamples)',
      pValue: 0.5,
      pAdjusted: 1,
      estimate: -0.01,
      interval: [-0.09, 0.06],
      confidence: 0.95,
      effectSize: { name: 'rank-biserial r', value: -0.1 },
      minEffect: 0.05,
      noiseFloor: 0.72,
      outcome: 'insufficient-data',
      n: 14,
      needed: 'about 95 more cases at the observed sd 0.12 to resolve a 0.05 effect',
    },
  },
  {
    id: 'test latency.p95',
    name: 'latency.p95',
    kind: 'statistical',
    expr: 'test latency.p95 (maxRatio 1.2)',
    scope: 'ratio',
    metric: 'latency.p95',
    limit: 1.2,
    tags: [],
    advisory: true,
    value: 1.05,
    blue: 812,
    green: 853,
    n: 360,
    status: 'pass',
    reason: 'latency.p95: no change 1.05 [0.97, 1.14] within maxRatio 1.2 (bootstrap interval only, n=360)',
    stats: {
      test: 'bootstrap percentile interval of the p95 ratio (2000 resamples; interval-only, not in the Holm family)',
      pValue: null,
      pAdjusted: null,
      estimate: 1.05,
      interval: [0.97, 1.14],
      confidence: 0.95,
      effectSize: null,
      minEffect: 1.2,
      noiseFloor: null,
      outcome: 'no-change',
      n: 360,
      needed: null,
    },
  },
];

function side(outputs: string[], docs: string[] | null, overrides: Partial<RevisionCaseResult> = {}): RevisionCaseResult {
  return {
    attempts: 3,
    errors: 0,
    errorClasses: {},
    retries: 0,
    outputs,
    docs,
    assertions: { passes: 3, n: 3, passed: true, failures: [] },
    rag: { hit: 1, recall: 1, mrr: 1, ndcg: 1 },
    ref: { f1: 0.6, rougeL: 0.55 },
    refusals: 0,
    latencyMs: [600, 640, 700],
    ttftMs: [],
    usage: { prompt: 300, completion: 200, total: 500 },
    numbers: null,
    ...overrides,
  };
}

/** A regressed case; `size` pads both answers to make huge highlights. */
export function highlight(id: string, size = 0): CaseRecord {
  const pad = size > 0 ? ` ${'lorem ipsum | <b>dolor</b> '.repeat(Math.ceil(size / 27))}` : '';
  return {
    id,
    tags: ['dosage', 'critical'],
    critical: true,
    turns: 1,
    prompt: `What is the max daily dose of ibuprofen? <img src=x onerror=alert(1)> | ${'`'}${pad}`,
    reference: `Up to 1200 mg/day OTC. ${pad}`,
    expectedDocs: ['doc-ibu-1', 'doc-ibu-2'],
    blue: side([`Adults: up to 1200 mg per day | split in 3 doses.${pad}`], ['doc-ibu-1', 'doc-ibu-2', 'doc-x']),
    green: side([`${HOSTILE} ${'very long answer '.repeat(80)}${pad}`], ['doc-x', 'doc-<y>|z'], {
      errors: 1,
      errorClasses: { '5xx': 1 },
      assertions: {
        passes: 1,
        n: 3,
        passed: false,
        failures: [{ label: 'contains "1200 mg"', pass: false, message: 'not found in `answer`' }],
      },
    }),
    pair: {
      drift: { f1: 0.21, rougeL: 0.18 },
      moved: true,
      docsJaccard: 0.25,
      lostDocs: ['doc-ibu-1'],
      noise: null,
      position: null,
      numbers: null,
    },
    status: 'fail',
    reasons: ['assertion contains "1200 mg" passed 1/3 < 2/3', 'lost expected doc doc-ibu-1 | <b>'],
    regression: 0.82,
    semantic: null,
  };
}

/** The failing report summary all renderer tests start from. */
export function fixtureSummary(): ReportSummary {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'revgate', version: '0.1.0' },
    run: {
      id: 'run-2026-11-26T22-00-00Z-7f3a',
      startedAt: '2026-11-26T22:00:00.000Z',
      finishedAt: '2026-11-26T22:04:12.500Z',
      durationMs: 252_500,
      complete: false,
      interrupted: 'SIGINT',
      casesDone: 118,
      casesPlanned: 120,
      warmup: 2,
      outputDir: '.revgate/runs/run-2026-11-26T22-00-00Z-7f3a',
    },
    suite: {
      name: 'pharmabot',
      file: 'suites/pharmabot.yaml',
      description: 'Pharmacy assistant RAG',
      configHash: 'sha256:ab12',
      golden: [{ file: 'golden/dosage.jsonl', cases: 120 }],
    },
    targets: {
      blue: { kind: 'openai-chat', url: 'https://blue.example/v1', model: 'gpt-4o-mini', stream: false, headers: ['api-key'] },
      green: { kind: 'openai-chat', url: 'https://green.example/v1', model: 'gpt-4o-mini', stream: false, headers: ['api-key'] },
    },
    config: { sampling: { repeats: 3, concurrency: 8 }, scoring: { k: 5 }, thresholds: [] },
    metrics: { blue, green, pair: { 'drift.rougeL.mean': m(0.71), 'docs.jaccard.mean': m(0.83) }, cases: 118 },
    metricsByTag: {},
    checks: CHECKS,
    verdict: {
      status: 'fail',
      reasons: CHECKS.filter((c) => !c.advisory && c.status !== 'pass').map((c) => c.reason),
      counts: { pass: 2, inconclusive: 1, error: 1, fail: 5 },
    },
    errors: [
      { revision: 'green', class: '5xx', count: 10, example: 'HTTP 503 Service Unavailable | upstream <timeout>' },
      { revision: 'green', class: 'timeout', count: 1, example: 'timed out after 30s' },
      { revision: 'blue', class: '5xx', count: 1, example: 'HTTP 500' },
    ],
    critical: [
      { id: 'dosage-01', status: 'fail', reasons: ['contains "200 mg" passed 1/3'] },
      { id: 'dosage-<02>', status: 'error', reasons: ['every attempt failed: 5xx'] },
      { id: 'dosage-03', status: 'pass', reasons: [] },
    ],
    highlights: [highlight('dosage-01'), highlight('interactions-07')],
  };
}

/** A full report (summary plus cases), as report.json holds it. */
export function fixtureReport(): Report {
  const summary = fixtureSummary();
  return { ...summary, cases: summary.highlights };
}
