// The event loop: one input at a time is journaled (write + fsync), folded by `next`, its notes
// journaled and logged, and its actions handed to the executor. Quiet inputs (the clock, a poll that
// found nothing) are journaled only when they changed the durable state, so the journal stays an
// event log a resume can fold, without a line per tick.
import type { Journal } from './journal.js';
import type { Action } from './machine/actions.js';
import { durableKey, QUIET_INPUTS } from './machine/fold.js';
import { next } from './machine/next.js';
import { running, type RolloutState } from './machine/state.js';
import type { InputBody, InputEvent, RolloutEventBody } from './types.js';

export interface LoopOptions {
  journal: Journal;
  /** The clock events are stamped with (a virtual one in --dry-run). */
  now: () => number;
  perform: (a: Action) => Promise<void>;
  /** Every journaled event and note, for the console. */
  onEvent?: (e: RolloutEventBody, at: string, state: RolloutState) => void;
  /** Called when no input is waiting (a virtual clock moves on here). */
  idle?: () => void;
}

export class Loop {
  private readonly inbox: InputEvent[] = [];
  private wake: (() => void) | undefined;

  constructor(
    public state: RolloutState,
    private readonly o: LoopOptions,
  ) {}

  /** Queue an input; the loop handles it after the ones before it. */
  push(body: InputBody): void {
    this.inbox.push({ ...body, at: new Date(this.o.now()).toISOString() });
    this.wake?.();
  }

  /** Handle an input now (write intents: journaled before the write is sent). */
  record(body: InputBody): Promise<void> {
    return this.handle({ ...body, at: new Date(this.o.now()).toISOString() });
  }

  /** Handle inputs until the rollout stops running (finished, paused or stopped). */
  async run(): Promise<void> {
    while (running(this.state)) {
      const e = this.inbox.shift();
      if (e) await this.handle(e);
      else {
        const waiting = new Promise<void>((ok) => (this.wake = ok));
        this.o.idle?.();
        await waiting;
      }
    }
  }

  private async handle(e: InputEvent): Promise<void> {
    const t = next(this.state, e);
    const quiet = QUIET_INPUTS.has(e.type) && durableKey(t.state) === durableKey(this.state);
    const { at, ...body } = e;
    if (!quiet) {
      await this.o.journal.append(body, at);
      this.o.onEvent?.(body, at, t.state);
    }
    this.state = t.state;
    for (const note of t.notes) {
      await this.o.journal.append(note, at);
      this.o.onEvent?.(note, at, t.state);
    }
    for (const a of t.actions) await this.o.perform(a);
  }
}
