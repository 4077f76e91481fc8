import { describe, expect, it } from 'vitest';
import { createJudge, JUDGE_PROMPT_VERSION, type JudgeOptions } from '../../src/semantic/index.js';
import type { LlmEmulatorOptions } from '../../reference/llm-emulator/server.js';
import { emulator, filesUnder, KEY, onCleanup, tempDir } from './helpers.js';

const CASE = {
  question: 'How should ibuprofen be taken?',
  reference: 'Take ibuprofen with food or milk to avoid stomach upset, at the lowest effective dose.',
};
const GOOD = 'Ibuprofen should be taken with food or milk, at the lowest effective dose, to avoid stomach upset.';
const BAD = 'Please consult the package leaflet.';

async function setup(emu: LlmEmulatorOptions = {}, options: Partial<JudgeOptions> = {}) {
  const server = await emulator(emu);
  const judge = createJudge({
    baseURL: `${server.url}/v1`,
    apiKey: KEY,
    model: 'emu-judge',
    cacheDir: await tempDir(),
    timeoutMs: 5_000,
    ...options,
  });
  onCleanup(() => judge.close());
  return { server, judge };
}

describe('judge.rubric', () => {
  it('scores the reference-like answer higher, on a 0..1 scale, with the raw reply', async () => {
    const { judge } = await setup();
    const good = await judge.rubric({ ...CASE, answer: GOOD });
    const bad = await judge.rubric({ ...CASE, answer: BAD });
    expect(good.score).toBeGreaterThan(bad.score);
    expect(good.score).toBeGreaterThanOrEqual(0.5);
    expect(bad.score).toBe(0);
    expect(JSON.parse(good.raw)).toMatchObject({ score: good.score * 4 + 1 });
    expect(good.reason).toMatch(/F1/);
  });

  it('sends temperature, seed and a JSON response format, and caches the verdict', async () => {
    const { server, judge } = await setup({}, { temperature: 0.2, seed: 11 });
    const first = await judge.rubric({ ...CASE, answer: GOOD });
    const again = await judge.rubric({ ...CASE, answer: GOOD });
    expect(again).toEqual(first);
    expect(server.stats().chat).toBe(1);
    expect(judge.info()).toEqual({ model: 'emu-judge', temperature: 0.2, seed: 11, promptVersion: JUDGE_PROMPT_VERSION });
    expect(judge.cache.dir).toBeDefined();
    expect(await filesUnder(judge.cache.dir!)).toHaveLength(1);
  });

  it('records its defaults: temperature 0, seed 7', async () => {
    const { judge } = await setup();
    expect(judge.info()).toMatchObject({ temperature: 0, seed: 7 });
  });
});

describe('judge.pairwise', () => {
  it('picks the answer closer to the reference, whichever revision gave it', async () => {
    const { judge } = await setup();
    const greenBetter = await judge.pairwise({ ...CASE, a: BAD, b: GOOD });
    expect(greenBetter).toMatchObject({ winner: 'green', votes: ['green', 'green'] });
    expect(greenBetter.confidence).toBeGreaterThan(0.5);
    const blueBetter = await judge.pairwise({ ...CASE, a: GOOD, b: BAD });
    expect(blueBetter).toMatchObject({ winner: 'blue', votes: ['blue', 'blue'] });
  });

  it('asks twice with positions swapped: blue as A, then green as A', async () => {
    const { server, judge } = await setup();
    await judge.pairwise({ ...CASE, a: 'BLUE-ANSWER', b: 'GREEN-ANSWER' });
    expect(server.stats().chat).toBe(2);
  });

  it('turns a position-biased judge into a tie instead of a biased winner', async () => {
    const { judge } = await setup({ positionBias: true });
    const result = await judge.pairwise({ ...CASE, a: BAD, b: GOOD });
    expect(result).toMatchObject({ winner: 'tie', votes: ['blue', 'green'], confidence: 0 });
    expect(result.reason).toContain('blue as A');
  });

  it('compares against the question when there is no reference', async () => {
    const { judge } = await setup();
    const result = await judge.pairwise({
      question: 'What are common side effects of metformin?',
      a: 'Metformin side effects: nausea, diarrhoea.',
      b: 'I cannot help.',
    });
    expect(result.winner).toBe('blue');
  });

  it('caches each vote: a repeated comparison sends nothing', async () => {
    const { server, judge } = await setup();
    const first = await judge.pairwise({ ...CASE, a: BAD, b: GOOD });
    expect(await judge.pairwise({ ...CASE, a: BAD, b: GOOD })).toEqual(first);
    expect(server.stats().chat).toBe(2);
  });
});
