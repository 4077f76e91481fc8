// Run directories are created exclusively: runs that start together never share (or merge into) one.
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunDir, newRunId } from '../../src/files/run-dir.js';

describe('run ids', () => {
  it('the same id asked for 20 times at once gives 20 directories', async () => {
    const base = await mkdtemp(join(tmpdir(), 'revgate-runids-'));
    const now = new Date('2026-12-01T10:00:00Z');
    const made = await Promise.all(
      Array.from({ length: 20 }, () => createRunDir(base, newRunId('suite', now).replace(/-[0-9a-f]{6}$/, '-same'))),
    );
    expect(new Set(made.map((m) => m.dir)).size).toBe(20);
    expect((await readdir(base)).sort()).toEqual(made.map((m) => m.id).sort());
    expect(made.map((m) => m.id)).toContain('20261201-100000-suite-same');
    expect(made.map((m) => m.id)).toContain('20261201-100000-suite-same-20');
  });
});
