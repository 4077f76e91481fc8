// Folding a journal: its inputs, in order, through the same `next` the run used. Notes (the
// machine's own decisions) are skipped: they are derived from the inputs.
import { NOTE_TYPES, type InputEvent, type RolloutEvent } from '../types.js';
import { next } from './next.js';
import { initialState, type RolloutState } from './state.js';

/** True for the journal entries `next` folds. */
export function isInput(e: RolloutEvent): e is RolloutEvent & InputEvent {
  return !NOTE_TYPES.has(e.type);
}

/** The state a journal leads to. */
export function foldJournal(events: readonly RolloutEvent[]): RolloutState {
  let s = initialState();
  for (const e of events) if (isInput(e)) s = next(s, e).state;
  return s;
}

/** The durable part of a state (what a journal must be able to rebuild): all but in-process bookkeeping. */
export function durableKey(s: RolloutState): string {
  const { vol: _vol, now: _now, ...rest } = s;
  return JSON.stringify(rest);
}

/** Inputs that are journaled only when they changed the durable state (the clock, a quiet poll). */
export const QUIET_INPUTS: ReadonlySet<string> = new Set(['tick', 'polled', 'live-skipped']);
