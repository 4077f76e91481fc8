// End to end: runs that cannot measure (a revision down, never ready) end with exit 3 and a
// report saying why; and secrets from the environment never reach a file or the console.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import {
  allFiles,
  compareCli,
  deadUrl,
  readJsonl,
  readReport,
  runDir,
  sendJson,
  startServer,
  writeSuite,
  type Loose,
  type TestServer,
} from './helpers.js';

const closers: (Pharmabot | TestServer)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});
async function bot(seed: number, flaws: Parameters<typeof startPharmabot>[0] = {}): Promise<Pharmabot> {
  const b = await startPharmabot({ seed, ...flaws });
  closers.push(b);
  return b;
}

describe('run errors, end to end', () => {
  it('a timeout too short for both revisions (--timeout 5ms): error "baseline unusable", exit 3, never a green fail', async () => {
    const blue = await bot(1, { flaws: { extraLatencyMs: 60 } });
    const green = await bot(2, { flaws: { extraLatencyMs: 60 } });
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/v1`, sampling: { retries: 0, warmup: 0 } });

    const run = await compareCli(s, ['--timeout', '5ms']);
    expect(run.code).toBe(3);
    const report = await readReport(await runDir(s.reportsDir));
    expect(report.verdict.status).toBe('error');
    expect(report.verdict.reasons[0]).toMatch(/^baseline unusable: blue produced no successful answer .*timeout 100%.*--timeout/);
    expect(report.checks.find((c: Loose) => c.id === 'run.blue.answers')).toMatchObject({ status: 'error', precondition: true });
    // green's own checks failed too, but they are not what the verdict says.
    expect(report.checks.some((c: Loose) => c.status === 'fail')).toBe(true);
    expect(report.verdict.reasons.join('\n')).toMatch(/comparison is not meaningful: \d+ other checks? not counted/);
    expect(run.stdout).toMatch(/ERROR/);
  });

  it('a green with nothing listening: exit 3, report.json written with verdict error naming the revision', async () => {
    const blue = await bot(1);
    const green = await deadUrl();
    const s = await writeSuite({ blue: `${blue.url}/v1`, green, sampling: { readyTimeout: '400ms' } });

    const run = await compareCli(s);
    expect(run.code).toBe(3);
    const report = await readReport(await runDir(s.reportsDir));
    expect(report.schemaVersion).toBe(1);
    expect(report.verdict.status).toBe('error');
    expect(report.run).toMatchObject({ complete: false, casesDone: 0, casesPlanned: 10 });
    const setup = report.checks.find((c: Loose) => c.id === 'run:RG_TARGET_UNREACHABLE');
    expect(setup).toMatchObject({ kind: 'run', status: 'error', name: 'green reachable and ready' });
    expect(setup.reason).toMatch(/^green \(http:\/\/127\.0\.0\.1:\d+\/health\/ready\) is unreachable: .*ECONNREFUSED/);
    expect(report.verdict.reasons.join('\n')).toMatch(/green .*unreachable/);
    // Nothing was replayed against blue either.
    expect(blue.stats().byStatus['200'] ?? 0).toBe(blue.stats().requests);
    expect(report.cases).toEqual([]);
  });

  it('while a revision is down, says within seconds what it waits for (URL, time, last error), not silence until the timeout', async () => {
    const blue = await bot(1);
    const green = await deadUrl();
    const s = await writeSuite({ blue: `${blue.url}/v1`, green, sampling: { readyTimeout: '3s' } });
    const run = await compareCli(s);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /revgate: waiting for green readiness at http:\/\/127\.0\.0\.1:\d+\/health\/ready \(2 s of 3 s; last: connection failed \(ECONNREFUSED\)\)/,
    );
    // Blue (ready at once) is never named in a notice.
    expect(run.stdout).toMatch(/green \(http:\/\/127\.0\.0\.1:\d+\/health\/ready\) is unreachable/);
    expect(run.stderr).not.toMatch(/waiting for blue/);
  });

  it('a blue whose readiness never answers 200 within readyTimeout (a long cold start): exit 3', async () => {
    const blue = await bot(1, { flaws: { coldStartMs: 30_000 } });
    const green = await bot(2);
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/v1`, sampling: { readyTimeout: '600ms' } });

    const started = performance.now();
    const run = await compareCli(s);
    expect(performance.now() - started).toBeGreaterThanOrEqual(550);
    expect(run.code).toBe(3);
    const report = await readReport(await runDir(s.reportsDir));
    expect(report.verdict.status).toBe('error');
    const setup = report.checks.find((c: Loose) => c.id === 'run:RG_TARGET_NOT_READY');
    expect(setup.reason).toMatch(/^blue did not become ready at .*\/health\/ready: .*HTTP 503/);
    expect(report.run.casesDone).toBe(0);
    // Only readiness polls were sent: no API request reached either revision.
    expect(green.stats().byStatus['503'] ?? 0).toBe(0);
    expect(blue.stats().byStatus['200'] ?? 0).toBe(0);
  });

  it('never writes an env secret to the run dir, stdout or stderr, even when the target echoes it back', async () => {
    const SECRET = 'sk-secret-123';
    const blue = await bot(1);
    // Green answers 500 with the request's headers in the error body (a leaky proxy), and 400 once.
    const green = await startServer((req, res, nth) => {
      const body = {
        error: { message: `upstream failed for key ${String(req.headers['api-key'])}`, type: 'server_error', headers: req.headers },
      };
      sendJson(res, nth === 0 ? 400 : 500, body);
    });
    closers.push(green);
    const s = await writeSuite({
      blue: `${blue.url}/v1`,
      green: `${green.url}/v1`,
      target: { headers: { 'api-key': '${RG_TEST_KEY}' } },
      greenTarget: { readyPath: '' },
      sampling: { retries: 1 },
    });
    const env = { RG_TEST_KEY: SECRET };

    const run = await compareCli(s, [], { env });
    expect(green.received.length).toBeGreaterThan(10);
    expect(green.received.every((r) => r.headers['api-key'] === SECRET)).toBe(true);
    const dir = await runDir(s.reportsDir);
    const report = await readReport(dir);
    expect(report.verdict.status).not.toBe('pass');
    expect(report.errors.some((e: Loose) => e.revision === 'green' && e.class === '5xx')).toBe(true);
    expect(report.targets.green.headers).toEqual(['api-key']);
    // The echoed key was redacted out of the error message, not just dropped.
    expect(report.errors.find((e: Loose) => e.class === '5xx').example).toMatch(/upstream failed for key \[redacted\]/);
    const results = await readJsonl(join(dir, 'results.jsonl'));
    expect(results.filter((r) => r.revision === 'green' && !r.ok)).toHaveLength(10);

    // A second, healthy run with the key (blue vs blue) and a re-render of the failed one.
    const ok = await writeSuite({ blue: `${blue.url}/v1`, green: `${blue.url}/v1`, target: { headers: { 'api-key': '${RG_TEST_KEY}' } } });
    const okRun = await compareCli(ok, [], { env });
    expect(okRun.code).toBe(0);

    const files = [...(await allFiles(s.dir)), ...(await allFiles(ok.dir))];
    expect(files.map((f) => f.file).filter((f) => f.endsWith('.jsonl')).length).toBe(4);
    for (const f of files) expect(f.text.includes(SECRET), f.file).toBe(false);
    for (const out of [run.stdout, run.stderr, okRun.stdout, okRun.stderr]) expect(out.includes(SECRET)).toBe(false);
  });
});
