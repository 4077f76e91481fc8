// Approval gates: `revgate rollout approve` appends a record (fsynced) to approvals.jsonl next to
// the journal; the running rollout polls that file. Fail closed: no approval in time → rollback.
import { open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface ApprovalRecord {
  runId: string;
  /** 0-based step index. */
  step: number;
  by: string;
  at: string;
}

/** The approvals file of a run, next to its journal. */
export function approvalsFile(journalFile: string): string {
  return join(dirname(journalFile), 'approvals.jsonl');
}

/** Append one approval durably (write + fsync). */
export async function appendApproval(file: string, record: ApprovalRecord): Promise<void> {
  const h = await open(file, 'a');
  try {
    await h.write(`${JSON.stringify(record)}\n`);
    await h.sync();
  } finally {
    await h.close();
  }
}

/** Every approval in the file (a torn or foreign line is skipped). */
export async function readApprovals(file: string): Promise<ApprovalRecord[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
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
  find(runId: string, step: number): Promise<ApprovalRecord | null>;
}

export function fileApprovals(file: string): ApprovalSource {
  return {
    async find(runId, step) {
      return (await readApprovals(file)).find((r) => r.runId === runId && r.step === step) ?? null;
    },
  };
}
