// Colour is decided once (src/cli/color.ts, called by main.ts) and every console summary follows
// that decision: the rules as a table, then the CLI run in-process with the environment given
// explicitly — `report --format console` on a stored report and `compare` against the reference
// service — into a stdout that is not a terminal, as in a pipe or a CI log.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { decideColor } from '../../src/cli/color.js';
import { cli, compareCli, writeSuite } from '../e2e/helpers.js';
import { fixtureReport } from '../report/fixture.js';

const ESC = '\u001b';

describe('decideColor', () => {
  it.each([
    ['a terminal', {}, true, true],
    ['a pipe', {}, false, false],
    ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, false],
    ['an empty NO_COLOR (ignored)', { NO_COLOR: '' }, true, true],
    ['FORCE_COLOR into a pipe', { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=3 into a pipe', { FORCE_COLOR: '3' }, false, true],
    ['an empty FORCE_COLOR (ignored)', { FORCE_COLOR: '' }, false, false],
    ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=false on a terminal', { FORCE_COLOR: 'false' }, true, false],
    ['FORCE_COLOR for this run over a standing NO_COLOR', { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    ['TERM=dumb on a terminal', { TERM: 'dumb' }, true, false],
    ['FORCE_COLOR on TERM=dumb', { TERM: 'dumb', FORCE_COLOR: '1' }, false, true],
  ])('%s', (_name, env: Record<string, string>, tty, expected) => {
    expect(decideColor(env, tty)).toBe(expected);
  });
});

describe('the console summary follows the decision', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'revgate-color-'));
    await mkdir(join(dir, 'run'));
    await writeFile(join(dir, 'run', 'report.json'), JSON.stringify(fixtureReport()));
  });

  const summary = (env: Record<string, string>) => cli(['report', '--from', 'run', '--format', 'console'], { cwd: dir, env });

  it('writes no escape sequence into a pipe, nor with NO_COLOR', async () => {
    for (const env of [{}, { NO_COLOR: '1' }] as Record<string, string>[]) {
      const r = await summary(env);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^revgate FAIL {2}pharmabot/);
      expect(r.stdout + r.stderr).not.toContain(ESC);
    }
  });

  it('colours the summary with FORCE_COLOR, even into a pipe', async () => {
    const r = await summary({ FORCE_COLOR: '1' });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(`${ESC}[31mFAIL`);
    // The same text once the colours are removed.
    expect(r.stdout.replace(/\u001b\[\d+m/g, '')).toBe((await summary({})).stdout);
  });
});

describe('revgate compare follows the decision', () => {
  const bots: Pharmabot[] = [];
  let suite: Awaited<ReturnType<typeof writeSuite>>;
  beforeAll(async () => {
    bots.push(await startPharmabot({ seed: 1 }), await startPharmabot({ seed: 2 }));
    suite = await writeSuite({ blue: `${bots[0]!.url}/v1`, green: `${bots[1]!.url}/v1` });
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.close()));
  });

  it('NO_COLOR: no escape sequence anywhere; FORCE_COLOR: a coloured verdict', async () => {
    const plain = await compareCli(suite, [], { env: { NO_COLOR: '1' } });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/^revgate PASS/);
    expect(plain.stdout + plain.stderr).not.toContain(ESC);

    const forced = await compareCli(suite, [], { env: { FORCE_COLOR: '1' } });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain(`${ESC}[1m${ESC}[32mPASS`);
  });
});
