// Semantic measures of a case (embeddings cosine, LLM judge), computed before the pure scorer
// because they need an endpoint. A failed measurement is recorded on the case and never counts
// against green.
import pLimit from 'p-limit';
import type { GoldenCase } from '../model/golden.js';
import type { SemanticConfig } from '../config/resolved.js';
import type { AttemptRecord } from '../model/attempt.js';
import type { CaseSemanticInput } from '../model/metrics.js';
import { cosine, createEmbedder, createJudge, type Embedder, type Judge, type JudgeInfo } from '../semantic/index.js';
import { caseQuestion } from '../targets/messages.js';
import type { Revision } from '../model/outcome.js';

/** What the report records for reproducibility. */
export interface SemanticInfo {
  embeddings: { model: string; cache: unknown } | null;
  judge: (JudgeInfo & { mode: string; cache: unknown }) | null;
}

/** Cap on green×blue output pairs compared, as for lexical drift. */
const MAX_PAIRS = 25;

export class SemanticScorer {
  private readonly embedder: Embedder | undefined;
  private readonly judge: Judge | undefined;
  private readonly limit;

  constructor(private readonly config: SemanticConfig) {
    this.embedder = config.embeddings ? createEmbedder(config.embeddings) : undefined;
    this.judge = config.judge ? createJudge(config.judge) : undefined;
    this.limit = pLimit(config.concurrency ?? 4);
  }

  /** True when any semantic measure is configured. */
  get enabled(): boolean {
    return this.embedder !== undefined || this.judge !== undefined;
  }

  /** Measure one case; never throws for an endpoint failure (it lands in `errors`). */
  score(testCase: GoldenCase, attempts: Record<Revision, AttemptRecord[]>, signal?: AbortSignal): Promise<CaseSemanticInput | undefined> {
    if (!this.enabled) return Promise.resolve(undefined);
    return this.limit(() => this.measure(testCase, attempts, signal));
  }

  info(): SemanticInfo {
    return {
      embeddings: this.embedder ? { model: this.embedder.model, cache: this.embedder.cache.stats() } : null,
      judge:
        this.judge && this.config.judge ? { ...this.judge.info(), mode: this.config.judge.mode, cache: this.judge.cache.stats() } : null,
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.embedder?.close(), this.judge?.close()]);
  }

  private async measure(
    testCase: GoldenCase,
    attempts: Record<Revision, AttemptRecord[]>,
    signal?: AbortSignal,
  ): Promise<CaseSemanticInput> {
    const blue = outputs(attempts.blue);
    const green = outputs(attempts.green);
    const reference = testCase.reference ?? null;
    const result: CaseSemanticInput = {
      ref: { blue: null, green: null },
      drift: null,
      judge: { blue: null, green: null },
      pairwise: null,
      errors: [],
    };
    const tasks: Promise<void>[] = [];
    if (this.embedder) tasks.push(this.embed(this.embedder, blue, green, reference, result, signal));
    if (this.judge && this.config.judge)
      tasks.push(this.grade(this.judge, this.config.judge, testCase, blue, green, reference, result, signal));
    await Promise.all(tasks);
    return result;
  }

  private async embed(
    embedder: Embedder,
    blue: string[],
    green: string[],
    reference: string | null,
    out: CaseSemanticInput,
    signal?: AbortSignal,
  ): Promise<void> {
    try {
      const texts = [...blue, ...green, ...(reference === null ? [] : [reference])];
      if (texts.length === 0) return;
      const vectors = await embedder.embed(texts, { signal });
      const b = vectors.slice(0, blue.length);
      const g = vectors.slice(blue.length, blue.length + green.length);
      const ref = reference === null ? undefined : vectors[vectors.length - 1];
      if (ref) {
        out.ref.blue = meanOf(b.map((v) => cosine(v, ref)));
        out.ref.green = meanOf(g.map((v) => cosine(v, ref)));
      }
      const pairs: number[] = [];
      for (const gv of g) for (const bv of b) if (pairs.length < MAX_PAIRS) pairs.push(cosine(gv, bv));
      out.drift = meanOf(pairs);
    } catch (e) {
      out.errors.push(`embeddings: ${(e as Error).message}`);
    }
  }

  private async grade(
    judge: Judge,
    cfg: NonNullable<SemanticConfig['judge']>,
    testCase: GoldenCase,
    blue: string[],
    green: string[],
    reference: string | null,
    out: CaseSemanticInput,
    signal?: AbortSignal,
  ): Promise<void> {
    const question = caseQuestion(testCase);
    const jobs: Promise<void>[] = [];
    if (cfg.mode !== 'pairwise' && reference !== null) {
      for (const [rev, answers] of [
        ['blue', blue],
        ['green', green],
      ] as const) {
        if (answers[0] === undefined) continue;
        jobs.push(
          judge
            .rubric({ question, reference, answer: answers[0], ...(cfg.rubric ? { rubric: cfg.rubric } : {}) }, { signal })
            .then((r) => {
              out.judge[rev] = r.score;
            })
            .catch((e: Error) => {
              out.errors.push(`judge rubric (${rev}): ${e.message}`);
            }),
        );
      }
    }
    if (cfg.mode !== 'rubric' && blue[0] !== undefined && green[0] !== undefined) {
      jobs.push(
        judge
          .pairwise({ question, ...(reference === null ? {} : { reference }), a: blue[0], b: green[0] }, { signal })
          .then((r) => {
            out.pairwise = r.winner;
          })
          .catch((e: Error) => {
            out.errors.push(`judge pairwise: ${e.message}`);
          }),
      );
    }
    await Promise.all(jobs);
  }
}

function outputs(attempts: readonly AttemptRecord[]): string[] {
  return attempts.filter((a) => a.ok && typeof a.text === 'string').map((a) => a.text!);
}

function meanOf(xs: number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;
}
