// One error hierarchy: every error revgate throws is a RevgateError with a stable code, and every
// code has one documented exit code (undici-style: tested from a table).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/cli/format-error.js';
import { RevgateError, RunDeadlineError, OutputDirError, RecordWriteError } from '../../src/model/errors.js';
import { SemanticError } from '../../src/semantic/errors.js';
import { ReplyError } from '../../src/semantic/reply.js';
import { TemplateError } from '../../src/targets/template.js';
import { ERROR_CLASSES } from '../../src/model/outcome.js';
import { TargetCallError } from '../../src/targets/types.js';

const EXIT_CODES_PAGE = readFileSync(new URL('../../docs/exit-codes.md', import.meta.url), 'utf8');

describe('error hierarchy', () => {
  it.each([
    [new TargetCallError('5xx', 'HTTP 503'), 'RG_TARGET_5XX', 3],
    [new TargetCallError('response_too_large', 'too big'), 'RG_TARGET_RESPONSE_TOO_LARGE', 3],
    [new SemanticError('RG_JUDGE_FAILED', 'timeout', 'judge timed out'), 'RG_JUDGE_FAILED', 3],
    [new TemplateError('vars.drug', 'c1'), 'RG_TEMPLATE', 3],
    [new ReplyError('no score'), 'RG_JUDGE_REPLY', 3],
    [new RunDeadlineError(1000, 'readiness'), 'RG_RUN_DEADLINE', 3],
    [new OutputDirError('/proc/x', Object.assign(new Error('x'), { code: 'ENOENT' })), 'RG_OUTPUT_DIR', 4],
    [new RecordWriteError('out.yaml', '/tmp/x.jsonl', 3, new Error('EISDIR')), 'RG_RECORD_WRITE', 3],
  ] as const)('%s → %s, exit %i', (error, code, exit) => {
    expect(error).toBeInstanceOf(RevgateError);
    expect(error.code).toBe(code);
    expect(describeError(error).exitCode).toBe(exit);
    expect(describeError(error).text).toContain(`[${code}]`);
  });

  it('every error class of a target call has its own code', () => {
    expect(new Set(ERROR_CLASSES.map((c) => new TargetCallError(c, 'x').code)).size).toBe(ERROR_CLASSES.length);
  });

  it('every code is documented in docs/exit-codes.md', () => {
    const codes = [...readFileSync(new URL('../../src/model/errors.ts', import.meta.url), 'utf8').matchAll(/\| '(RG_[A-Z0-9_]+)'/g)].map(
      (m) => m[1]!,
    );
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.filter((c) => !EXIT_CODES_PAGE.includes(c))).toEqual([]);
  });
});
