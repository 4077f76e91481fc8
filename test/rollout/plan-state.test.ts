// Pure parts of the rollout: the plan (tables, actions, verification, labels). The state machine: machine.test.ts.
import { describe, expect, it } from 'vitest';
import { RolloutSchema } from '../../src/rollout/schema.js';
import { sampleCases } from '../../src/rollout/analysis.js';
import { pinTable } from '../../src/rollout/preflight.js';
import { finalTable, formatAction, mergeLabels, planActions, sameWeights, tableFor } from '../../src/rollout/plan.js';

const parsed = RolloutSchema.parse({
  backend: { kind: 'local', app: 'a', revisions: [{ name: 'b', url: 'http://x' }] },
  steps: [
    { weight: 0, analysis: 'full' },
    { weight: 10, hold: '10m', analysis: 'sample', sample: 50 },
    { weight: 50, hold: '10m', approval: true },
    { weight: 100 },
  ],
}).steps;
const steps = parsed.map((s) => ({ ...s, ...(s.hold !== undefined ? { holdMs: s.hold } : {}) }));

describe('plan', () => {
  it('builds whole tables pinned by name, keeping labelled entries at 0%', () => {
    expect(tableFor(10, 'v1', 'v2')).toEqual([
      { revision: 'v1', weight: 90 },
      { revision: 'v2', weight: 10 },
    ]);
    expect(
      tableFor(50, 'v1', 'v2', [
        { revision: 'v1', weight: 100, label: 'blue' },
        { revision: 'v0', weight: 0, label: 'old' },
        { revision: 'vx', weight: 0 },
      ]),
    ).toEqual([
      { revision: 'v1', weight: 50, label: 'blue' },
      { revision: 'v2', weight: 50 },
      { revision: 'v0', weight: 0, label: 'old' },
    ]);
  });

  it("keeps every label: the cutover keeps green's, a label set mid-rollout is carried, a moved label leaves its old revision", () => {
    const base = [
      { revision: 'v1', weight: 100, label: 'prod' },
      { revision: 'v0', weight: 0, label: 'old' },
    ];
    const seen = mergeLabels(base, [
      { revision: 'v1', weight: 90 },
      { revision: 'v2', weight: 10, label: 'preview' },
    ]);
    expect(tableFor(0, 'v1', 'v2', seen)).toEqual([
      { revision: 'v1', weight: 100, label: 'prod' },
      { revision: 'v2', weight: 0, label: 'preview' },
      { revision: 'v0', weight: 0, label: 'old' },
    ]);
    expect(finalTable('v1', 'v2', seen)).toEqual([
      { revision: 'v2', weight: 100, label: 'preview' },
      { revision: 'v0', weight: 0, label: 'old' },
    ]);
    expect(mergeLabels(seen, [{ revision: 'v2', weight: 100, label: 'old' }]).filter((e) => e.label === 'old')).toEqual([
      { revision: 'v2', weight: 0, label: 'old' },
    ]);
  });

  it('turns steps into actions: shift, analyse, hold, approval; then keep blue warm and deactivate it', () => {
    const actions = planActions({ steps, blue: 'v1', green: 'v2', keepPrevious: 3_600_000 });
    expect(actions.map((a) => a.kind)).toEqual([
      'set-weights',
      'analyse',
      'set-weights',
      'analyse',
      'hold',
      'set-weights',
      'hold',
      'approval',
      'set-weights',
      'keep-previous',
      'deactivate',
    ]);
    expect(actions[3]).toEqual({ kind: 'analyse', step: 1, mode: 'sample', sample: 50 });
    expect(actions.map(formatAction)[4]).toBe("step 2: hold 10m, watching green's health and fingerprint");
  });

  it('verifies weights exactly, ignoring 0% entries and labels', () => {
    expect(
      sameWeights(
        [
          { revision: 'a', weight: 90 },
          { revision: 'b', weight: 10 },
        ],
        [
          { revision: 'b', weight: 10, label: 'g' },
          { revision: 'a', weight: 90 },
          { revision: 'c', weight: 0 },
        ],
      ),
    ).toBe(true);
    expect(
      sameWeights(
        [
          { revision: 'a', weight: 90 },
          { revision: 'b', weight: 10 },
        ],
        [
          { revision: 'a', weight: 80 },
          { revision: 'b', weight: 20 },
        ],
      ),
    ).toBe(false);
    expect(
      sameWeights(
        [{ revision: 'a', weight: 100 }],
        [
          { revision: 'a', weight: 100 },
          { revision: 'b', weight: 5 },
        ],
      ),
    ).toBe(false);
  });

  it('pins a latestRevision entry to the revision it follows now', () => {
    expect(
      pinTable({
        name: 'x',
        activeRevisionsMode: 'Multiple',
        latestRevisionName: 'v2',
        ingressFqdn: null,
        traffic: [{ revision: '', latestRevision: true, weight: 100 }],
      }),
    ).toEqual({ table: [{ revision: 'v2', weight: 100 }], pinned: true });
  });

  it('samples the same cases for the same step, different ones for another step', () => {
    const cases = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}` }));
    expect(sampleCases(cases, 5, 'step-1')).toEqual(sampleCases(cases, 5, 'step-1'));
    expect(sampleCases(cases, 5, 'step-1')).not.toEqual(sampleCases(cases, 5, 'step-2'));
    expect(sampleCases(cases, 99, 's')).toHaveLength(40);
  });
});
