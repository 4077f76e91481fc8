// End to end: `revgate record` against a real pharmabot and a tiny server that fails one case.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { loadGoldenFile } from '../../src/config/golden.js';
import { cli, deadUrl, medquadCases, pharmabotCases, sendJson, startServer, writeSuite, type TestServer } from '../e2e/helpers.js';

type Case = Record<string, unknown>;
const open: (Pharmabot | TestServer)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('revgate record, end to end', () => {
  it('records blue from a real pharmabot into <golden>.recorded.yaml: references replaced, every other field kept, original untouched', async () => {
    const blue = await startPharmabot({ seed: 1 });
    open.push(blue);
    const cases = [...pharmabotCases(), ...medquadCases(4)];
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${blue.url}/v1`, cases });
    const source = join(s.dir, 'golden.yaml');
    const original = await readFile(source, 'utf8');

    const r = await cli(['record', s.suiteFile, '--repeats', '3'], { cwd: s.dir });
    expect(r.code, r.stderr).toBe(0);
    const out = join(s.dir, 'golden.recorded.yaml');
    expect(r.stdout).toBe(`wrote golden.recorded.yaml (${cases.length} references recorded, 0 kept) from golden.yaml\n`);
    expect(r.stderr).toContain('review the recorded file before committing it');
    expect(await readFile(source, 'utf8')).toBe(original);

    const text = await readFile(out, 'utf8');
    expect(text).toMatch(
      new RegExp(
        `^# Recorded by revgate record from blue ${blue.url.replace(/[.]/g, '\\.')}/v1\\n# at \\d{4}-\\d\\d-\\d\\dT[^ ]+ \\(medoid of 3 answers per case, by ROUGE-L\\)`,
      ),
    );
    expect(text).toContain('# Review before committing');
    const loaded = await loadGoldenFile(out, 'golden.recorded.yaml');
    expect(loaded.issues).toEqual([]);
    expect(loaded.cases.map((c) => c.id)).toEqual(cases.map((c) => String(c.id)));

    const recorded = (parse(text) as { cases: Case[] }).cases;
    const before = (parse(original) as { cases: Case[] }).cases;
    let changed = 0;
    recorded.forEach((c, i) => {
      const { reference, ...rest } = c;
      const { reference: old, ...oldRest } = before[i]!;
      expect(rest).toEqual(oldRest); // questions, messages, expected_docs, assertions, tags, critical
      expect(typeof reference).toBe('string');
      expect((reference as string).length).toBeGreaterThan(0);
      if (reference !== old) changed++;
    });
    expect(changed).toBeGreaterThan(cases.length / 2); // pharmabot's answers are not MedQuAD's references
  });

  it('keeps the old reference of a case whose recording failed and lists it on stderr; --update-docs sets expected_docs', async () => {
    const server = await startServer((req, res) => {
      const q = String(req.json?.question ?? '');
      if (q.includes('broken')) return sendJson(res, 500, { error: 'boom' });
      sendJson(res, 200, { answer: `recorded answer to ${q}`, sources: [{ id: `doc-for-${q.length}` }] });
    });
    open.push(server);
    const cases = [
      { id: 'ok-1', question: 'first question', reference: 'old 1', expected_docs: ['x'], tags: ['t'] },
      { id: 'broken-1', question: 'a broken question', reference: 'old broken', critical: true },
      { id: 'ok-2', question: 'second?' },
    ];
    const s = await writeSuite({
      blue: `${server.url}/ask`,
      green: `${server.url}/ask`,
      cases,
      target: { kind: 'http-json', model: undefined, docs: { preset: 'sources' }, readyPath: 'none' },
      sampling: { retries: 1 },
    });
    const r = await cli(['record', s.suiteFile, '--revision', 'green', '--out', 'out.yaml', '--update-docs'], { cwd: s.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('revgate: 1 case not recorded (old reference kept):\n  broken-1: 5xx:');
    expect(r.stdout).toContain('wrote out.yaml (2 references recorded, 1 kept)');
    const recorded = (parse(await readFile(join(s.dir, 'out.yaml'), 'utf8')) as { cases: Case[] }).cases;
    expect(recorded).toEqual([
      {
        id: 'ok-1',
        question: 'first question',
        reference: 'recorded answer to first question',
        expected_docs: ['doc-for-14'],
        tags: ['t'],
      },
      { id: 'broken-1', question: 'a broken question', reference: 'old broken', critical: true },
      { id: 'ok-2', question: 'second?', reference: 'recorded answer to second?', expected_docs: ['doc-for-7'] },
    ]);
  });

  it('exits 3 when the revision is unreachable, 4 on a bad suite or an --out over the golden file', async () => {
    const dead = await deadUrl();
    const s = await writeSuite({ blue: dead, green: dead });
    const unreachable = await cli(['record', s.suiteFile], { cwd: s.dir });
    expect(unreachable.code, unreachable.stderr).toBe(3);
    expect(unreachable.stderr).toContain('[RG_TARGET_UNREACHABLE]');

    const over = await cli(['record', s.suiteFile, '--out', 'golden.yaml'], { cwd: s.dir });
    expect(over.code).toBe(4);
    expect(over.stderr).toContain('refusing to overwrite the golden file golden.yaml');

    await writeFile(join(s.dir, 'bad.yaml'), 'name: bad\ngolden: missing.yaml\n');
    expect((await cli(['record', join(s.dir, 'bad.yaml')], { cwd: s.dir })).code).toBe(4);
  });

  it('an unwritable --out is refused before recording; a write that fails after the replay keeps every answer', async () => {
    const bot = await startPharmabot({ seed: 1 });
    open.push(bot);
    const s = await writeSuite({ blue: `${bot.url}/v1`, green: `${bot.url}/v1`, cases: medquadCases(4) });
    const before = bot.stats().requests;
    const refused = await cli(['record', s.suiteFile, '--out', '/proc/revgate/recorded.yaml'], { cwd: s.dir });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/cannot be written/);
    expect(bot.stats().requests).toBe(before);
    // A directory where the file should go: the directory is writable, the rename over it fails.
    await mkdir(join(s.dir, 'taken.yaml'));
    const failed = await cli(['record', s.suiteFile, '--out', 'taken.yaml'], { cwd: s.dir });
    expect(failed.code).toBe(3);
    const saved = /kept in (\S+\.jsonl)/.exec(failed.stderr)?.[1];
    expect(saved, failed.stderr).toBeDefined();
    const lines = (await readFile(saved!, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; answer: string });
    expect(lines.map((l) => l.id).sort()).toEqual(
      medquadCases(4)
        .map((c) => c.id as string)
        .sort(),
    );
    expect(lines.every((l) => l.answer.length > 0)).toBe(true);
  });

  it('records one revision even when the other has no URL', async () => {
    const blue = await startPharmabot({ seed: 4 });
    open.push(blue);
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: 'unused', cases: medquadCases(2) });
    const suite = (await readFile(s.suiteFile, 'utf8')).replace(/green:\n\s+url: unused\n/, '');
    await writeFile(s.suiteFile, suite);
    const r = await cli(['record', s.suiteFile], { cwd: s.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 references recorded');
  });
});
