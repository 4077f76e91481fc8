// Errors by class: final errors and the retried tries a retry hid, per revision and class.
import { describe, expect, it } from 'vitest';
import { ErrorTally } from '../../src/run/errors-tally.js';
import type { AttemptRecord } from '../../src/model/attempt.js';

const attempt = (a: Partial<AttemptRecord>): AttemptRecord => ({
  caseId: 'c',
  revision: 'green',
  repeat: 0,
  ok: true,
  retries: 0,
  at: '',
  ...a,
});

describe('ErrorTally', () => {
  it('counts final errors and retried tries apart, the retried ones even when the retry succeeded', () => {
    const t = new ErrorTally();
    t.add(attempt({ retries: 1, retriedOn: ['5xx'] }));
    t.add(attempt({ retries: 2, retriedOn: ['5xx', 'timeout'] }));
    t.add(attempt({ ok: false, retries: 1, retriedOn: ['5xx'], error: { class: '5xx', message: 'HTTP 500 boom' } }));
    t.add(attempt({ revision: 'blue', ok: false, error: { class: 'timeout', message: 'no answer within 20s' } }));
    expect(t.list()).toEqual([
      { revision: 'green', class: '5xx', count: 1, retried: 3, example: 'HTTP 500 boom' },
      { revision: 'green', class: 'timeout', count: 0, retried: 1, example: '(a retried try; its message is not kept)' },
      { revision: 'blue', class: 'timeout', count: 1, example: 'no answer within 20s' },
    ]);
  });
});
