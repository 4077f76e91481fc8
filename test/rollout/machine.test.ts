// The rollout state machine without I/O: the transition table (every phase × every input), the
// invariants that make it safe, and journal folding (a resumed run reaches the same state).
import { describe, expect, it } from 'vitest';
import { durableKey, foldJournal, isInput } from '../../src/rollout/machine/fold.js';
import { next } from '../../src/rollout/machine/next.js';
import { outcomeOf, PHASE_KINDS, running, type PhaseKind, type RolloutState } from '../../src/rollout/machine/state.js';
import { NOTE_TYPES, type InputBody, type RolloutEvent } from '../../src/rollout/types.js';
import { BLUE, feed, GREEN, inputsFor, PLAN, reach, STARTED, T0, verify, writeOf } from './machine-fixture.js';

// The specification: phase × input → the phase it leads to (and the write it asks for, if any).
// "·" means: nothing changes phase (a late, stale or foreign input is recorded and ignored).
const TABLE: Record<PhaseKind, Record<string, string>> = {
  new: {
    started: 'shifting w:step',
    resumed: '·',
    verified: '·',
    'write-failed': '·',
    'analysis-pass': '·',
    'analysis-fail': '·',
    'analysis-inconclusive': '·',
    'live-pass-final': '·',
    'live-inconclusive-final': '·',
    'live-fail': '·',
    'green-changed': '·',
    breach: 'done',
    approved: '·',
    interrupted: 'done',
    deactivated: '·',
    'deactivate-failed': '·',
    'tick-late': '·',
    polled: '·',
  },
  // Step 1's table equals the base (0% on green), so a resume finds the write applied: verified → analysis.
  shifting: {
    started: '·',
    resumed: 'analysing',
    verified: 'analysing',
    'write-failed': 'rolling-back w:rollback',
    'analysis-pass': '·',
    'analysis-fail': '·',
    'analysis-inconclusive': '·',
    'live-pass-final': '·',
    'live-inconclusive-final': '·',
    'live-fail': '·',
    'green-changed': '· w:restart',
    breach: 'rolling-back w:rollback',
    approved: '·',
    interrupted: 'rolling-back w:rollback',
    deactivated: '·',
    'deactivate-failed': '·',
    'tick-late': '·',
    polled: '·',
  },
  // Step 1 has no hold, so an inconclusive analysis cannot be repeated: onInconclusive (rollback).
  analysing: {
    started: '·',
    resumed: '·',
    verified: '·',
    'write-failed': '·',
    'analysis-pass': 'shifting w:step',
    'analysis-fail': 'rolling-back w:rollback',
    'analysis-inconclusive': 'rolling-back w:rollback',
    'live-pass-final': '·',
    'live-inconclusive-final': '·',
    'live-fail': '·',
    'green-changed': 'shifting w:restart',
    breach: 'rolling-back w:rollback',
    approved: '·',
    interrupted: 'rolling-back w:rollback',
    deactivated: '·',
    'deactivate-failed': '·',
    'tick-late': '·',
    polled: '·',
  },
  // The hold's final live window: pass → its approval; inconclusive → extended (stays holding); a tick past the end asks for that window.
  holding: {
    started: '·',
    resumed: '·',
    verified: '·',
    'write-failed': '·',
    'analysis-pass': '·',
    'analysis-fail': '·',
    'analysis-inconclusive': '·',
    'live-pass-final': 'awaiting-approval',
    'live-inconclusive-final': '·',
    'live-fail': 'rolling-back w:rollback',
    'green-changed': 'shifting w:restart',
    breach: 'rolling-back w:rollback',
    approved: '·',
    interrupted: 'rolling-back w:rollback',
    deactivated: '·',
    'deactivate-failed': '·',
    'tick-late': '·',
    polled: '·',
  },
  'awaiting-approval': {
    started: '·',
    resumed: '·',
    verified: '·',
    'write-failed': '·',
    'analysis-pass': '·',
    'analysis-fail': '·',
    'analysis-inconclusive': '·',
    'live-pass-final': '·',
    'live-inconclusive-final': '·',
    'live-fail': 'rolling-back w:rollback',
    'green-changed': 'shifting w:restart',
    breach: 'rolling-back w:rollback',
    approved: 'shifting w:step',
    interrupted: 'rolling-back w:rollback',
    deactivated: '·',
    'deactivate-failed': '·',
    'tick-late': 'rolling-back w:rollback',
    polled: '·',
  },
  // After the cutover: a breach still rolls back (blue is warm); Ctrl-C stops with blue warm for --resume.
  keeping: {
    started: '·',
    resumed: '·',
    verified: '·',
    'write-failed': '·',
    'analysis-pass': '·',
    'analysis-fail': '·',
    'analysis-inconclusive': '·',
    'live-pass-final': '·',
    'live-inconclusive-final': '·',
    'live-fail': '·',
    'green-changed': 'rolling-back w:rollback',
    breach: 'rolling-back w:rollback',
    approved: '·',
    interrupted: '· stopped',
    deactivated: '·',
    'deactivate-failed': '·',
    'tick-late': 'shifting w:finalize',
    polled: '·',
  },
  deactivating: {
    started: '·',
    resumed: '·',
    verified: '·',
    'write-failed': '·',
    'analysis-pass': '·',
    'analysis-fail': '·',
    'analysis-inconclusive': '·',
    'live-pass-final': '·',
    'live-inconclusive-final': '·',
    'live-fail': '·',
    'green-changed': '·',
    breach: '·',
    approved: '·',
    interrupted: '· stopped',
    deactivated: 'done',
    'deactivate-failed': 'done',
    'tick-late': '·',
    polled: '·',
  },
  // Nothing but the rollback's own result moves a rollback; a resume sends it again.
  'rolling-back': {
    started: '·',
    resumed: '· w:rollback',
    verified: 'done',
    'write-failed': 'done',
    'analysis-pass': '·',
    'analysis-fail': '·',
    'analysis-inconclusive': '·',
    'live-pass-final': '·',
    'live-inconclusive-final': '·',
    'live-fail': '·',
    'green-changed': '·',
    breach: '·',
    approved: '·',
    interrupted: '·',
    deactivated: '·',
    'deactivate-failed': '·',
    'tick-late': '·',
    polled: '·',
  },
  paused: {
    started: '·',
    resumed: 'shifting w:step',
    verified: '·',
    'write-failed': '·',
    'analysis-pass': '·',
    'analysis-fail': '·',
    'analysis-inconclusive': '·',
    'live-pass-final': '·',
    'live-inconclusive-final': '·',
    'live-fail': '·',
    'green-changed': '·',
    breach: '·',
    approved: '·',
    interrupted: '·',
    deactivated: '·',
    'deactivate-failed': '·',
    'tick-late': '·',
    polled: '·',
  },
  done: Object.fromEntries(Object.keys(inputsFor(reach('done'))).map((k) => [k, '·'])),
};

function cell(before: RolloutState, after: RolloutState, purpose: string | undefined): string {
  const phase = after.phase.kind === before.phase.kind ? '·' : after.phase.kind;
  return `${phase}${after.stopped && !before.stopped ? ' stopped' : ''}${purpose ? ` w:${purpose}` : ''}`;
}

describe('transition table: every phase × every input', () => {
  for (const kind of PHASE_KINDS) {
    it(`${kind}`, () => {
      const s = reach(kind);
      expect(s.phase.kind).toBe(kind);
      const inputs = inputsFor(s);
      expect(Object.keys(TABLE[kind]).sort()).toEqual(Object.keys(inputs).sort());
      for (const [name, { body, dt }] of Object.entries(inputs)) {
        const t = feed(s, body, dt);
        expect(cell(s, t.state, writeOf(t)?.purpose), `${kind} × ${name}`).toBe(TABLE[kind][name]);
      }
    });
  }
});

describe('invariants', () => {
  const all = PHASE_KINDS.flatMap((k) => Object.entries(inputsFor(reach(k))).map(([name, i]) => ({ k, name, s: reach(k), ...i })));

  it("a rollback writes 100% blue with green's label kept, and cancels the work in flight", () => {
    for (const { k, name, s, body, dt } of all) {
      const t = feed(s, body, dt);
      const w = writeOf(t);
      if (w?.purpose !== 'rollback') continue;
      expect(w.table, `${k} × ${name}`).toEqual([
        { revision: BLUE, weight: 100 },
        { revision: GREEN, weight: 0, label: 'preview' },
      ]);
      if (k !== 'rolling-back')
        expect(
          t.actions.map((a) => a.kind),
          `${k} × ${name}`,
        ).toContain('cancel-work');
    }
  });

  it('nothing moves traffic towards green once a rollback started, or after the end', () => {
    for (const { k, name, s, body, dt } of all.filter((x) => x.k === 'rolling-back' || x.k === 'done')) {
      const w = writeOf(feed(s, body, dt));
      if (w) expect(w.table.find((e) => e.revision === GREEN)?.weight ?? 0, `${k} × ${name}`).toBe(0);
    }
  });

  it('done absorbs every input; write ids only grow; notes are never inputs', () => {
    for (const { k, s, body, dt } of all) {
      const t = feed(s, body, dt);
      if (k === 'done') expect(t.actions).toEqual([]);
      for (const a of t.actions) if (a.kind === 'write') expect(a.write).toBeGreaterThan(s.writes);
      for (const n of t.notes) expect(NOTE_TYPES.has(n.type)).toBe(true);
    }
  });
});

describe('scenarios', () => {
  it('a breach during a step write asks for the rollback at once; the step write finishing later does not move on', () => {
    const holding = reach('holding');
    const shifting = feed(holding, { type: 'tick' }, 1100).state; // not used further: the step-3 write comes from an approval
    void shifting;
    const awaiting = reach('awaiting-approval');
    const t = feed(awaiting, { type: 'approved', step: 1, by: 'a' });
    const w = writeOf(t)!;
    const inFlight = feed(t.state, { type: 'weights-requested', write: w.write, table: w.table, purpose: 'step', reason: 'step 3' }).state;
    const breach = feed(inFlight, { type: 'breach', cause: 'fail', reason: 'live 5xx' });
    const rb = writeOf(breach)!;
    expect(rb.purpose).toBe('rollback');
    const rolling = feed(breach.state, {
      type: 'rollback-requested',
      write: rb.write,
      table: rb.table,
      purpose: 'rollback',
      cause: 'fail',
      reason: 'live 5xx',
      breachAt: rb.rollback!.breachAt,
    }).state;
    // The 100% write (queued before the rollback) ends: recorded, but the machine keeps rolling back.
    const late = feed(rolling, { type: 'weights-verified', write: w.write, table: w.table, purpose: 'step' });
    expect(late.state.phase.kind).toBe('rolling-back');
    expect(late.actions).toEqual([]);
    const done = feed(late.state, { type: 'weights-verified', write: rb.write, table: rb.table, purpose: 'rollback' });
    expect(done.state.phase).toMatchObject({ kind: 'done', outcome: { kind: 'rolled-back', cause: 'fail' } });
  });

  it('a hold too thin to decide is extended one interval at a time, then ends inconclusive (never a promotion)', () => {
    let s = feed(reach('holding'), { type: 'tick' }, 1000).state;
    const extended: string[] = [];
    for (let n = 1; n < 10 && s.phase.kind === 'holding'; n++) {
      const t = feed(
        s,
        {
          type: 'live',
          step: 1,
          n,
          final: true,
          status: 'inconclusive',
          breach: false,
          reasons: ['green 0 user requests < minRequests 50'],
          window: null,
          checks: [],
        },
        250,
      );
      extended.push(...t.notes.filter((x) => x.type === 'hold-extended').map((x) => x.type));
      s = t.state.phase.kind === 'holding' ? feed(t.state, { type: 'tick' }, 300).state : t.state;
    }
    expect(extended.length).toBeGreaterThanOrEqual(1);
    expect(s.phase).toMatchObject({ kind: 'rolling-back', cause: 'inconclusive' });
  });

  it("a late resume judges the hold from its journaled start: the final window asks for `since` = the weights' verification", () => {
    const holding = reach('holding');
    const since = holding.stepSince!;
    const resumed = feed(holding, { type: 'resumed', owner: 'me', actual: holding.lastVerified! }, 900);
    // At once: a poll of green and a live window, both from the step's start (not from the resume).
    expect(resumed.actions.find((a) => a.kind === 'live')).toMatchObject({ final: false, since });
    expect(resumed.actions.map((a) => a.kind)).toContain('poll');
    const end = feed(
      resumed.state,
      { type: 'live', step: 1, n: 1, final: false, status: 'pass', breach: false, reasons: [], window: null, checks: [] },
      200,
    );
    expect(end.actions.find((a) => a.kind === 'live')).toMatchObject({ final: true, since });
  });

  it('resume with traffic it cannot explain rolls back (doubt), whatever the phase', () => {
    for (const k of ['holding', 'awaiting-approval', 'keeping'] as const) {
      const t = feed(reach(k), {
        type: 'resumed',
        owner: 'me',
        actual: [
          { revision: BLUE, weight: 30 },
          { revision: GREEN, weight: 70 },
        ],
      });
      expect(t.state.phase.kind, k).toBe('rolling-back');
      expect(writeOf(t)?.purpose).toBe('rollback');
    }
  });

  it('Ctrl-C during a write: the rollback is asked for at once and the outcome is interrupted once verified', () => {
    const s = reach('shifting');
    const t = feed(s, { type: 'interrupted', signal: 'SIGINT' });
    const done = verify(t);
    expect(done.phase).toMatchObject({ kind: 'done', outcome: { kind: 'interrupted' } });
  });
});

describe('folding the journal', () => {
  it('a journal of inputs and notes folds to the state of the run that wrote it', () => {
    const events: RolloutEvent[] = [];
    let s = reach('new');
    let seq = 0;
    const step = (body: InputBody, dt = 1) => {
      const at = new Date(Math.max(s.now, T0) + dt).toISOString();
      const t = next(s, { ...body, at });
      events.push({ ...body, v: 1, seq: ++seq, at, runId: 'r' });
      for (const n of t.notes) events.push({ ...n, v: 1, seq: ++seq, at, runId: 'r' });
      s = t.state;
      return t;
    };
    const write = (t: ReturnType<typeof step>) => {
      const w = writeOf(t)!;
      step({ type: 'weights-requested', write: w.write, table: w.table, purpose: w.purpose, reason: w.reason });
      return step({ type: 'weights-verified', write: w.write, table: w.table, purpose: w.purpose });
    };
    write(step(STARTED));
    write(step({ type: 'analysis', step: 0, attempt: 1, status: 'pass', reasons: [] }));
    step({ type: 'tick' }, 1100);
    step({ type: 'live', step: 1, n: 1, final: true, status: 'pass', breach: false, reasons: [], window: null, checks: [] });
    expect(s.phase.kind).toBe('awaiting-approval');
    const folded = foldJournal(events);
    const { vol: _a, now: _b, ...want } = s;
    const { vol: _c, now: _d, ...got } = folded;
    expect(got).toEqual(want);
    expect(events.filter(isInput).length).toBeLessThan(events.length);
    expect(PLAN.steps).toHaveLength(3);
  });
});

describe('--detach: waits that outlast a CI job end the process, the state saved', () => {
  const detached = (kind: 'awaiting-approval'): RolloutState => ({ ...reach(kind), detach: true });

  it('an approval gate with no approval yet parks (awaiting-approval); an approval already there continues', () => {
    const s = detached('awaiting-approval');
    const parked = feed(s, { type: 'polled', approval: 'none' });
    expect(running(parked.state)).toBe(false);
    expect(outcomeOf(parked.state)).toMatchObject({ kind: 'awaiting-approval', step: 1 });
    expect(parked.actions).toEqual([{ kind: 'cancel-work' }]);
    expect(parked.notes).toContainEqual(expect.objectContaining({ type: 'finished', outcome: 'awaiting-approval' }));
    // A poll that did not read the approvals (a failed one) never parks; without --detach nothing parks.
    expect(running(feed(s, { type: 'polled' }).state)).toBe(true);
    expect(running(feed(reach('awaiting-approval'), { type: 'polled', approval: 'none' }).state)).toBe(true);
    // Traffic is not touched by parking: no write.
    expect(writeOf(parked)).toBeUndefined();
  });

  it('resumed at a gate, it looks for the approval before judging the deadline; a late resume without one rolls back', () => {
    const parked = feed(detached('awaiting-approval'), { type: 'polled', approval: 'none' }).state;
    const table = parked.lastVerified!;
    const resumed = feed(parked, { type: 'resumed', owner: 'job2', actual: table }, 10_000);
    expect(resumed.state.parked).toBeNull();
    expect(resumed.actions).toEqual([{ kind: 'poll', approvalStep: 1 }]);
    // The executor found an approval recorded in time: the step passes although the clock is past the deadline.
    expect(writeOf(feed(resumed.state, { type: 'approved', step: 1, by: 'alice' }))?.purpose).toBe('step');
    // None found: the deadline (3 s) is long gone → rollback for approval-timeout.
    const none = feed(resumed.state, { type: 'polled', approval: 'none' });
    expect(none.state.phase).toMatchObject({ kind: 'rolling-back', cause: 'approval-timeout' });
  });

  it('after the cutover it parks while blue is kept warm (cut-over); --resume later deactivates blue', () => {
    const awaiting = detached('awaiting-approval');
    const keeping = verify(feed(awaiting, { type: 'approved', step: 1, by: 'alice' }));
    expect(keeping.phase.kind).toBe('keeping');
    expect(outcomeOf(keeping)).toMatchObject({ kind: 'cut-over' });
    const resumed = feed(keeping, { type: 'resumed', owner: 'job3', actual: keeping.lastVerified! }, 6000);
    expect(running(resumed.state)).toBe(true);
    const finalize = writeOf(resumed);
    expect(finalize?.purpose).toBe('finalize');
  });

  it('parking changes the durable state, so the loop journals the poll that caused it (a fold replays it)', () => {
    const s = detached('awaiting-approval');
    const t = feed(s, { type: 'polled', approval: 'none' });
    expect(durableKey(t.state)).not.toBe(durableKey(s)); // so the loop journals this poll
  });
});
