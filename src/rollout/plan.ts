// The rollout plan, pure: the traffic table of each step, the actions a step takes, weight
// comparison for verification, and the plan as text for --dry-run and logs.
import { formatDuration } from '../model/duration.js';
import type { PlanStep, Table } from './types.js';

export type Action =
  | { kind: 'set-weights'; step: number; table: Table }
  | { kind: 'analyse'; step: number; mode: 'full' | 'sample'; sample?: number }
  | { kind: 'hold'; step: number; ms: number }
  | { kind: 'approval'; step: number }
  | { kind: 'keep-previous'; ms: number; revision: string }
  | { kind: 'deactivate'; revision: string };

export interface PlanInput {
  steps: readonly PlanStep[];
  blue: string;
  green: string;
  keepPrevious: number;
  /** The table before the rollout: other revisions keep a 0% entry (and every label is kept). */
  base?: Table;
}

/** The whole table with `weight` on green and the rest on blue; other entries stay at 0%, labels kept. */
export function tableFor(weight: number, blue: string, green: string, base: Table = []): Table {
  const label = (rev: string) => base.find((e) => e.revision === rev)?.label;
  const entry = (revision: string, w: number) => {
    const l = label(revision);
    return l === undefined ? { revision, weight: w } : { revision, weight: w, label: l };
  };
  const others = base
    .filter((e) => e.revision !== blue && e.revision !== green && e.revision !== '' && e.label !== undefined)
    .map((e) => entry(e.revision, 0));
  return [entry(blue, 100 - weight), entry(green, weight), ...others];
}

/** After the cutover: green 100% (its label kept), blue dropped, other labelled entries at 0%. */
export function finalTable(blue: string, green: string, base: Table = []): Table {
  return tableFor(100, blue, green, base).filter((e) => e.revision !== blue);
}

/** `base` with the labels of `table` added or updated (a label set by someone mid-rollout is kept by every later write). */
export function mergeLabels(base: Table, table: readonly Table[number][]): Table {
  const out = base.map((e) => ({ ...e }));
  for (const e of table) {
    if (e.label === undefined || e.revision === '') continue;
    // A label names one revision: one moved to another revision leaves the first.
    for (const x of out) if (x.label === e.label && x.revision !== e.revision) delete x.label;
    const known = out.find((x) => x.revision === e.revision);
    if (known) known.label = e.label;
    else out.push({ revision: e.revision, weight: 0, label: e.label });
  }
  return out;
}

/** The actions of step `i`, in order: shift, analyse, hold, approval. */
export function stepActions(p: PlanInput, i: number): Action[] {
  const s = p.steps[i];
  if (!s) return [];
  const out: Action[] = [{ kind: 'set-weights', step: i, table: tableFor(s.weight, p.blue, p.green, p.base) }];
  if (s.analysis !== 'none')
    out.push({ kind: 'analyse', step: i, mode: s.analysis, ...(s.analysis === 'sample' ? { sample: s.sample ?? 50 } : {}) });
  if (s.holdMs !== undefined && s.holdMs > 0) out.push({ kind: 'hold', step: i, ms: s.holdMs });
  if (s.approval) out.push({ kind: 'approval', step: i });
  return out;
}

/** Every action of the rollout: the steps, then blue kept warm, then deactivated. */
export function planActions(p: PlanInput): Action[] {
  return [
    ...p.steps.flatMap((_, i) => stepActions(p, i)),
    { kind: 'keep-previous', ms: p.keepPrevious, revision: p.blue },
    { kind: 'deactivate', revision: p.blue },
  ];
}

/** Weight per revision, missing = 0 (labels and 0% entries do not change who gets traffic). */
function weights(t: Table): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of t) if (e.weight !== 0) m.set(e.revision, (m.get(e.revision) ?? 0) + e.weight);
  return m;
}

/** True when both tables send exactly the same share to every revision. */
export function sameWeights(a: Table, b: Table): boolean {
  const x = weights(a);
  const y = weights(b);
  return x.size === y.size && [...x].every(([k, v]) => y.get(k) === v);
}

/** `blue 90% / green 10%`. */
export function formatTable(t: Table | null | undefined): string {
  if (!t || t.length === 0) return '(unknown)';
  return t.map((e) => `${e.revision || '(latest)'} ${e.weight}%`).join(' / ');
}

/** One line per action, for --dry-run and the start of a rollout. */
export function formatAction(a: Action): string {
  switch (a.kind) {
    case 'set-weights':
      return `step ${a.step + 1}: set traffic ${formatTable(a.table)}, then read it back and verify`;
    case 'analyse':
      return `step ${a.step + 1}: golden replay (${a.mode === 'full' ? 'every case' : `a deterministic sample of ${a.sample} cases`}); only pass advances`;
    case 'hold':
      return `step ${a.step + 1}: hold ${formatDuration(a.ms)}, watching green's health and fingerprint`;
    case 'approval':
      return `step ${a.step + 1}: wait for \`revgate rollout approve\` (no approval in time → rollback)`;
    case 'keep-previous':
      return `keep ${a.revision} active at 0% for ${formatDuration(a.ms)} (instant rollback)`;
    case 'deactivate':
      return `deactivate ${a.revision}`;
  }
}
