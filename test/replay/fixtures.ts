// Replay engine fixtures: a suite over one tiny http-json server (blue at /blue, green at /green)
// loaded through the real config loader, and the engine run with its attempts collected.
import { loadSuite } from '../../src/config/load-suite.js';
import type { ResolvedSuite } from '../../src/config/resolved.js';
import { replay, type ReplayResult } from '../../src/replay/engine.js';
import type { AttemptRecord } from '../../src/model/attempt.js';
import { createTarget } from '../../src/targets/factory.js';
import { sendJson, startServer, writeSuite, type Received, type TempSuite, type TestServer } from '../e2e/helpers.js';
import type { ServerResponse } from 'node:http';

export interface Hit {
  caseId: string;
  revision: 'blue' | 'green';
  /** How many times this case/revision was requested before (0 = first try). */
  tryNo: number;
  req: Received;
}

/** A server whose handler sees which case and revision each request is for. */
export async function caseServer(handler: (hit: Hit, res: ServerResponse) => void | Promise<void>): Promise<TestServer & { hits: Hit[] }> {
  const hits: Hit[] = [];
  const seen = new Map<string, number>();
  const server = await startServer((req, res) => {
    const caseId = String(req.json?.question ?? '');
    const revision = req.url.startsWith('/green') ? 'green' : 'blue';
    const key = `${revision}/${caseId}`;
    const tryNo = seen.get(key) ?? 0;
    seen.set(key, tryNo + 1);
    const hit = { caseId, revision, tryNo, req } as const;
    hits.push(hit);
    return handler(hit, res);
  });
  return Object.assign(server, { hits });
}

/** Answer `{answer}` after `ms`. */
export async function answerAfter(res: ServerResponse, ms: number): Promise<void> {
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  if (!res.destroyed) sendJson(res, 200, { answer: 'ok' });
}

/** Case ids c00..c(n-1); the question is the id, so the server knows the case. */
export function cases(n: number): { id: string; question: string }[] {
  return Array.from({ length: n }, (_, i) => ({ id: `c${String(i).padStart(2, '0')}`, question: `c${String(i).padStart(2, '0')}` }));
}

/** A temp suite (http-json, no readiness, no docs) against `server`. */
export function suiteFor(server: TestServer, n: number, sampling: Record<string, unknown> = {}): Promise<TempSuite> {
  return writeSuite({
    blue: `${server.url}/blue`,
    green: `${server.url}/green`,
    cases: cases(n),
    target: {
      kind: 'http-json',
      model: undefined,
      body: { question: '{{question}}' },
      answer: 'answer',
      docs: { preset: 'none' },
      readyPath: '',
    },
    sampling: { concurrency: 2, retries: 0, backoff: '10ms', timeout: '2s', ...sampling },
    thresholds: ['error_rate <= 1%'],
  });
}

export interface EngineRun {
  result: ReplayResult;
  attempts: AttemptRecord[];
  suite: ResolvedSuite;
}

/** Load the suite and run the replay engine on it (no readiness, no warm-up, no reports). */
export async function runEngine(s: TempSuite, signal: AbortSignal = new AbortController().signal): Promise<EngineRun> {
  const { suite } = await loadSuite(s.suiteFile, { env: {}, cwd: s.dir });
  const targets = {
    blue: createTarget(suite.targets.blue, { connections: suite.sampling.concurrency }),
    green: createTarget(suite.targets.green, { connections: suite.sampling.concurrency }),
  };
  const attempts: AttemptRecord[] = [];
  try {
    const result = await replay({
      cases: suite.cases,
      targets,
      sampling: suite.sampling,
      signal,
      onAttempt: (a) => void attempts.push(a),
      onCaseDone: () => undefined,
    });
    return { result, attempts, suite };
  } finally {
    await Promise.all([targets.blue.close(), targets.green.close()]);
  }
}
