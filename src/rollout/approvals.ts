// Approval gates: `revgate rollout approve` (or `rollout --resume --approve`) appends a record to the
// run's approvals log next to its journal, in the suite's state store; the running rollout polls it.
// Fail closed: no approval in time → rollback; an approval recorded after the deadline does not count.
import type { StateStore } from '../state/types.js';
import { FILE_STORE } from './journal.js';

export interface ApprovalRecord {
  runId: string;
  /** 0-based step index. */
  step: number;
  by: string;
  at: string;
}

/** The approvals log of a run, next to its journal. */
export function approvalsFile(journal: string, store: StateStore = FILE_STORE): string {
  return store.sibling(journal, 'approvals.jsonl');
}

/** Append one approval durably. */
export async function appendApproval(file: string, record: ApprovalRecord, store: StateStore = FILE_STORE): Promise<void> {
  const log = await store.openAppend(file);
  try {
    await log.append(`${JSON.stringify(record)}\n`);
  } finally {
    await log.close();
  }
}

/** Every approval in the log (a torn or foreign line is skipped). */
export async function readApprovals(file: string, store: StateStore = FILE_STORE): Promise<ApprovalRecord[]> {
  const text = (await store.read(file)) ?? '';
  const out: ApprovalRecord[] = [];
  for (const line of text.split('\n')) {
    try {
      const r = JSON.parse(line) as ApprovalRecord;
      if (typeof r.runId === 'string' && Number.isInteger(r.step)) out.push(r);
    } catch {
      /* blank or torn line */
    }
  }
  return out;
}

/** Where the engine looks for approvals. */
export interface ApprovalSource {
  /** The approval of `step`, recorded no later than `deadline` (ms) when one is given. */
  find(runId: string, step: number, deadline?: number): Promise<ApprovalRecord | null>;
}

export function fileApprovals(file: string, store: StateStore = FILE_STORE): ApprovalSource {
  return {
    async find(runId, step, deadline) {
      const ok = (r: ApprovalRecord) => r.runId === runId && r.step === step && (deadline === undefined || Date.parse(r.at) <= deadline);
      return (await readApprovals(file, store)).find(ok) ?? null;
    },
  };
}
