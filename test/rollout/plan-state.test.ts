// Pure parts of the rollout: the plan (tables, actions, verification) and the journal reducer.
import { describe, expect, it } from 'vitest';
import { RolloutSchema } from '../../src/config/rollout-schema.js';
import { sampleCases } from '../../src/rollout/analysis.js';
import { pinTable } from '../../src/rollout/preflight.js';
import { formatAction, planActions, sameWeights, tableFor } from '../../src/rollout/plan.js';
import { replayJournal, resumable } from '../../src/rollout/state.js';
import type { RolloutEvent, RolloutEventBody } from '../../src/rollout/types.js';

const steps = RolloutSchema.parse({ backend: { kind: 'local', app: 'a', revisions: [{ name: 'b', url: 'http://x' }] }, steps: [{ weight: 0, analysis: 'full' }, { weight: 10, hold: '10m', analysis: 'sample', sample: 50 }, { weight: 50, hold: '10m', approval: true }, { weight: 100 }] }).steps;

describe('plan', () => {
  it('builds whole tables pinned by name, keeping labelled entries at 0%', () => {
    expect(tableFor(10, 'v1', 'v2')).toEqual([{ revision: 'v1', weight: 90 }, { revision: 'v2', weight: 10 }]);
    expect(tableFor(50, 'v1', 'v2', [{ revision: 'v1', weight: 100, label: 'blue' }, { revision: 'v0', weight: 0, label: 'old' }, { revision: 'vx', weight: 0 }]))
      .toEqual([{ revision: 'v1', weight: 50, label: 'blue' }, { revision: 'v2', weight: 50 }, { revision: 'v0', weight: 0, label: 'old' }]);
  });

  it('turns steps into actions: shift, analyse, hold, approval; then keep blue warm and deactivate it', () => {
    const actions = planActions({ steps, blue: 'v1', green: 'v2', keepPrevious: 3_600_000 });
    expect(actions.map((a) => a.kind)).toEqual(['set-weights', 'analyse', 'set-weights', 'analyse', 'hold', 'set-weights', 'hold', 'approval', 'set-weights', 'keep-previous', 'deactivate']);
    expect(actions[3]).toEqual({ kind: 'analyse', step: 1, mode: 'sample', sample: 50 });
    expect(actions.map(formatAction)[4]).toBe("step 2: hold 10m, watching green's health and fingerprint");
  });

  it('verifies weights exactly, ignoring 0% entries and labels', () => {
    expect(sameWeights([{ revision: 'a', weight: 90 }, { revision: 'b', weight: 10 }], [{ revision: 'b', weight: 10, label: 'g' }, { revision: 'a', weight: 90 }, { revision: 'c', weight: 0 }])).toBe(true);
    expect(sameWeights([{ revision: 'a', weight: 90 }, { revision: 'b', weight: 10 }], [{ revision: 'a', weight: 80 }, { revision: 'b', weight: 20 }])).toBe(false);
    expect(sameWeights([{ revision: 'a', weight: 100 }], [{ revision: 'a', weight: 100 }, { revision: 'b', weight: 5 }])).toBe(false);
  });

  it('pins a latestRevision entry to the revision it follows now', () => {
    expect(pinTable({ name: 'x', activeRevisionsMode: 'Multiple', latestRevisionName: 'v2', ingressFqdn: null, traffic: [{ revision: '', latestRevision: true, weight: 100 }] }))
      .toEqual({ table: [{ revision: 'v2', weight: 100 }], pinned: true });
  });

  it('samples the same cases for the same step, different ones for another step', () => {
    const cases = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}` }));
    expect(sampleCases(cases, 5, 'step-1')).toEqual(sampleCases(cases, 5, 'step-1'));
    expect(sampleCases(cases, 5, 'step-1')).not.toEqual(sampleCases(cases, 5, 'step-2'));
    expect(sampleCases(cases, 99, 's')).toHaveLength(40);
  });
});

describe('state reducer', () => {
  let seq = 0;
  const ev = (body: RolloutEventBody): RolloutEvent => ({ v: 1, seq: ++seq, at: new Date(1_000_000 + seq).toISOString(), runId: 'r1', ...body } as RolloutEvent);
  const start = [
    ev({ type: 'started', app: 'a', target: 'local:a', backend: 'local', suite: 's.yaml', blue: 'v1', green: 'v2', steps: 3, weights: [0, 10, 100], owner: 'me' }),
    ev({ type: 'preflight', checks: [], table: [{ revision: 'v1', weight: 100 }], urls: { blue: 'u1', green: 'u2' } }),
    ev({ type: 'step-started', step: 0, weight: 0 }),
    ev({ type: 'weights-requested', table: [{ revision: 'v1', weight: 100 }, { revision: 'v2', weight: 0 }], reason: 'step 1' }),
    ev({ type: 'weights-verified', table: [{ revision: 'v1', weight: 100 }, { revision: 'v2', weight: 0 }] }),
    ev({ type: 'analysis', step: 0, status: 'pass', reasons: [] }),
    ev({ type: 'step-passed', step: 0 }),
    ev({ type: 'step-started', step: 1, weight: 10 }),
    ev({ type: 'weights-requested', table: [{ revision: 'v1', weight: 90 }, { revision: 'v2', weight: 10 }], reason: 'step 2' }),
  ];

  it('trusts only verified tables: a requested one stays pending', () => {
    const s = replayJournal(start);
    expect(s).toMatchObject({ runId: 'r1', blue: 'v1', green: 'v2', phase: 'shifting', step: 1, nextStep: 1, analysed: [0] });
    expect(s.lastVerified).toEqual([{ revision: 'v1', weight: 100 }, { revision: 'v2', weight: 0 }]);
    expect(s.pending).toEqual([{ revision: 'v1', weight: 90 }, { revision: 'v2', weight: 10 }]);
    expect(resumable(s)).toBe(true);
  });

  it('follows a hold, a restart on a new fingerprint, and a rollback to a finished state', () => {
    const more = [
      ...start,
      ev({ type: 'weights-verified', table: [{ revision: 'v1', weight: 90 }, { revision: 'v2', weight: 10 }] }),
      ev({ type: 'hold', step: 1, until: '2030-01-01T00:00:00.000Z' }),
    ];
    expect(replayJournal(more)).toMatchObject({ phase: 'holding', hold: { step: 1, until: '2030-01-01T00:00:00.000Z' }, pending: null });
    const restarted = replayJournal([...more, ev({ type: 'restart', reason: 'fingerprint changed' })]);
    expect(restarted).toMatchObject({ nextStep: 0, analysed: [], restarts: 1, hold: null });
    const done = replayJournal([
      ...more,
      ev({ type: 'rollback-requested', cause: 'fail', reason: 'x', table: [{ revision: 'v1', weight: 100 }, { revision: 'v2', weight: 0 }], breachAt: '' }),
      ev({ type: 'rolled-back', table: [{ revision: 'v1', weight: 100 }, { revision: 'v2', weight: 0 }] }),
      ev({ type: 'finished', outcome: 'rolled-back', cause: 'fail', reason: 'x' }),
    ]);
    expect(done).toMatchObject({ phase: 'done', outcome: { kind: 'rolled-back', cause: 'fail' } });
    expect(resumable(done)).toBe(false);
  });

  it('a pause and an interruption after promotion stay resumable', () => {
    expect(resumable(replayJournal([...start, ev({ type: 'paused', step: 1, reason: 'r' }), ev({ type: 'finished', outcome: 'paused', reason: 'r' })]))).toBe(true);
    const promoted = replayJournal([...start, ev({ type: 'promoted', table: [{ revision: 'v2', weight: 100 }] }), ev({ type: 'keep-previous', revision: 'v1', until: 'T' }), ev({ type: 'finished', outcome: 'interrupted', reason: 'SIGINT' })]);
    expect(promoted).toMatchObject({ phase: 'promoted', keepUntil: 'T' });
    expect(resumable(promoted)).toBe(true);
  });
});
