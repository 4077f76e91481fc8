import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/server.js';
import { ask, loadGolden, mapLimit, type AskReply } from './helpers.js';
import { rougeL } from './rouge.js';

const golden = loadGolden();
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('pharmabot answer quality over the whole golden set', () => {
  let blue: Pharmabot;
  let green: Pharmabot;
  let blueReplies: AskReply[];
  let greenReplies: AskReply[];
  beforeAll(async () => {
    blue = await startPharmabot({ seed: 1, baseLatencyMs: [0, 0] });
    green = await startPharmabot({ seed: 2, baseLatencyMs: [0, 0] });
    blueReplies = await mapLimit(golden, 16, (c) => ask(blue.url, c.question));
    greenReplies = await mapLimit(golden, 16, (c) => ask(green.url, c.question));
  });
  afterAll(async () => {
    await blue.close();
    await green.close();
  });

  it('ranks the expected document first for at least 90% of cases', () => {
    const hits = golden.filter((c, i) => blueReplies[i]?.sources[0]?.id === c.expected_docs[0]).length;
    const top3 = golden.filter((c, i) => blueReplies[i]?.sources.some((s) => s.id === c.expected_docs[0])).length;
    console.log(
      `pharmabot retrieval: hit@1 ${(hits / golden.length).toFixed(3)}, hit@3 ${(top3 / golden.length).toFixed(3)} (n=${golden.length})`,
    );
    expect(hits / golden.length).toBeGreaterThanOrEqual(0.9);
  });

  it('answers close to the golden reference', () => {
    const scores = golden.map((c, i) => rougeL(blueReplies[i]?.answer ?? '', c.reference));
    const good = scores.filter((s) => s >= 0.4).length / scores.length;
    console.log(`pharmabot vs reference: mean ROUGE-L ${mean(scores).toFixed(3)}, share >= 0.4: ${good.toFixed(3)}`);
    expect(mean(scores)).toBeGreaterThanOrEqual(0.45);
    expect(good).toBeGreaterThanOrEqual(0.6);
  });

  it('samples different but similar answers under different seeds', () => {
    const scores = golden.map((_, i) => rougeL(blueReplies[i]?.answer ?? '', greenReplies[i]?.answer ?? ''));
    const identical = scores.filter((s) => s === 1).length / scores.length;
    console.log(`pharmabot blue vs green: mean ROUGE-L ${mean(scores).toFixed(3)}, identical ${identical.toFixed(3)}`);
    expect(mean(scores)).toBeGreaterThan(0.5);
    expect(mean(scores)).toBeLessThan(0.95);
    expect(identical).toBeLessThan(0.5);
  });
});
