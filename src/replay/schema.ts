// The `sampling` section of a suite: how traffic is replayed.
import { z } from 'zod';
import { Duration } from '../model/duration-schema.js';

/** A duration field with a default (the default, in ms, is not emitted by the input-side JSON Schema). */
const duration = (fallback: number, description: string) => Duration.default(fallback).describe(description);

export const SamplingSchema = z
  .object({
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(1024)
      .default(8)
      .describe('Requests in flight at once (blue and green together). Flag: --concurrency. Default: 8'),
    repeats: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(1)
      .describe('Attempts per case and revision (more repeats measure nondeterminism). Flag: --repeats. Default: 1'),
    timeout: duration(60_000, 'Per-request timeout, e.g. "20s". Flag: --timeout. Default: 60s'),
    retries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(2)
      .describe(
        'Retries of 429 / 5xx / timeouts / connection resets, with exponential backoff honouring Retry-After. Flag: --retries. Default: 2',
      ),
    backoff: duration(250, 'First backoff delay; doubles each retry, with jitter. Default: 250ms'),
    warmup: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(2)
      .describe('Warm-up requests per revision, excluded from the statistics (cold starts). Flag: --warmup. Default: 2'),
    deadline: duration(30 * 60_000, 'Whole-run deadline; an unfinished run ends incomplete (inconclusive). Flag: --deadline. Default: 30m'),
    readyTimeout: duration(
      60_000,
      "How long to wait for each target's readiness endpoint to answer 200; 0 skips the check. Flag: --ready-timeout. Default: 60s",
    ),
    seed: z.number().int().optional().describe('Seed for the blue/green call order (reproducible runs). Flag: --seed'),
    maxAttempts: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        'Adaptive sampling budget: attempts per revision in all, the planned cases × repeats included. When statistical checks are undecided after the planned attempts, revgate adds repeats of the noisiest cases, round by round, until every check decides or the budget is spent; the planned look tests at 0.8 alpha and the rounds spend the rest (Lan-DeMets spending), so looking again never raises the false-alarm rate. Unset: no adaptive rounds. Flag: --budget',
      ),
    maxResponseBytes: z
      .number()
      .int()
      .min(1024)
      .default(4 * 1024 * 1024)
      .describe(
        'Largest response body read from a target, counted on the wire before decoding (streams too); past it the attempt is a response_too_large error and the body is dropped. Default: 4194304 (4 MiB)',
      ),
  })
  .strict()
  .describe('How traffic is replayed');

export type Sampling = z.output<typeof SamplingSchema>;
