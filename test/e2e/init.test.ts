// `revgate init`, end to end over real HTTP: the starter files validate as written, the probe tells
// the reference service's openai-chat route (with Azure citations) from its /ask JSON endpoint, a
// suite written against a live endpoint runs `compare`, and nothing is overwritten or written on error.
import { mkdtemp, readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { cli, deadUrl, sendJson, startServer, type TestServer } from './helpers.js';

const bots: Pharmabot[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all([...bots.splice(0), ...servers.splice(0)].map((b) => b.close()));
});

async function bot(seed: number): Promise<Pharmabot> {
  const b = await startPharmabot({ seed });
  bots.push(b);
  return b;
}

const tmp = () => mkdtemp(join(tmpdir(), 'revgate-init-'));
type Loose = Record<string, any>;
const yamlOf = async (file: string): Promise<Loose> => parse(await readFile(file, 'utf8')) as Loose;

describe('revgate init', () => {
  it('without --url: an openai-chat suite with placeholders and 3 example cases, which validate passes', async () => {
    const dir = await tmp();
    const run = await cli(['init'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^revgate: no --url: wrote an openai-chat suite with placeholder URLs/);
    const suiteText = await readFile(join(dir, 'suites/my-service.yaml'), 'utf8');
    expect(suiteText).toMatch(/^# yaml-language-server: \$schema=\S+suite\.schema\.json\n/);
    expect(suiteText).toContain('revgate record suites/my-service.yaml --revision blue');
    expect(suiteText).toContain('revgate calibrate suites/my-service.yaml');
    const suite = parse(suiteText) as Loose;
    expect(suite.target.kind).toBe('openai-chat');
    expect(suite.blue.url).toBe('http://127.0.0.1:8081/v1');
    expect(suite.sampling.repeats).toBe(3);
    // No documents seen, so no retrieval test; the rest of the recommended set (docs/configuration.md, "Thresholds").
    expect(suite.thresholds).toEqual(
      expect.arrayContaining([
        { check: 'numbers.changed_share <= 0', name: 'no quantity changed' },
        { test: 'error_rate', minEffect: '1%' },
        'first_try_error_rate <= 2%',
        'latency.p95 <= 800ms',
        { test: 'latency.p95', maxRatio: 1.2 },
        { test: 'refusal_rate', minEffect: '2%' },
        { test: 'ref.rougeL', minEffect: 0.03 },
        { test: 'drift.noise', minEffect: 0.05 },
      ]),
    );
    expect(JSON.stringify(suite.thresholds)).not.toContain('rag.recall');
    const golden = await yamlOf(join(dir, 'golden/my-service.yaml'));
    expect(golden.cases).toHaveLength(3);
    expect(golden.cases[0]).toMatchObject({ question: expect.any(String), reference: expect.any(String) });
    expect(golden.cases[1].assert.length).toBeGreaterThan(0);
    expect(golden.cases[2].messages).toHaveLength(3);
    const valid = await cli(['validate', 'suites/my-service.yaml'], { cwd: dir });
    expect(valid.code, valid.stderr + valid.stdout).toBe(0);
    expect(valid.stdout).toMatch(/cases: +3 /);
  });

  it("--url at pharmabot's /v1: openai-chat with azure-on-your-data documents, and compare runs on the suite", async () => {
    const blue = await bot(1);
    const green = await bot(2);
    const dir = await tmp();
    const run = await cli(['init', '--url', `${blue.url}/v1`, '--name', 'bot', '--dir', 'gate'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe(
      `revgate: detected openai-chat at ${blue.url}/v1, model pharmabot-1, docs preset azure-on-your-data`,
    );
    // One request: the openai-chat route answered.
    expect(blue.stats().requests).toBe(1);
    const suite = await yamlOf(join(dir, 'gate/suites/bot.yaml'));
    expect(suite.target).toMatchObject({ kind: 'openai-chat', model: 'pharmabot-1', docs: { preset: 'azure-on-your-data' } });
    expect(suite.blue.url).toBe(`${blue.url}/v1`);
    expect(suite.golden).toBe('../golden/bot.yaml');
    expect(suite.thresholds).toContainEqual({ test: 'rag.recall', minEffect: 0.02 });
    const out = join(dir, 'reports');
    const compare = await cli(
      ['compare', 'gate/suites/bot.yaml', '--blue', `${blue.url}/v1`, '--green', `${green.url}/v1`, '--progress', 'none', '--out', out],
      { cwd: dir },
    );
    expect([0, 1, 2], compare.stderr).toContain(compare.code);
    const [runId] = await readdir(out);
    const report = JSON.parse(await readFile(join(out, runId!, 'report.json'), 'utf8')) as Loose;
    expect(report.run.complete).toBe(true);
    expect(green.stats().requests).toBeGreaterThanOrEqual(9); // 3 cases × 3 repeats
  });

  it("--url at pharmabot's /ask: http-json with the answer at `answer` and the sources preset", async () => {
    const b = await bot(1);
    const dir = await tmp();
    const run = await cli(['init', '--url', `${b.url}/ask`], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe(`revgate: detected http-json at ${b.url}/ask, answer at answer, docs preset sources`);
    // openai-chat first (404 at /ask/chat/completions), then the JSON endpoint itself.
    expect(b.stats().byStatus).toEqual({ '404': 1, '200': 1 });
    const suite = await yamlOf(join(dir, 'suites/my-service.yaml'));
    expect(suite.target).toMatchObject({
      kind: 'http-json',
      answer: 'answer',
      body: { question: '{{question}}' },
      docs: { preset: 'sources' },
    });
    expect(suite.blue.url).toBe(`${b.url}/ask`);
    const valid = await cli(['validate', 'suites/my-service.yaml'], { cwd: dir });
    expect(valid.code, valid.stderr + valid.stdout).toBe(0);
  });

  it('--kind http-json probes only that shape', async () => {
    const b = await bot(1);
    const dir = await tmp();
    const run = await cli(['init', '--url', `${b.url}/ask`, '--kind', 'http-json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(b.stats().byStatus).toEqual({ '200': 1 });
  });

  it('existing files: exit 4 and untouched without --force; --force overwrites', async () => {
    const dir = await tmp();
    await mkdir(join(dir, 'suites'));
    await writeFile(join(dir, 'suites/my-service.yaml'), 'mine\n');
    const run = await cli(['init'], { cwd: dir });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/suites\/my-service\.yaml already exists; nothing was written \[RG_USAGE\]\n {2}hint: pass --force/);
    expect(await readFile(join(dir, 'suites/my-service.yaml'), 'utf8')).toBe('mine\n');
    await expect(readdir(join(dir, 'golden'))).rejects.toThrow();
    const forced = await cli(['init', '--force'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(await readFile(join(dir, 'suites/my-service.yaml'), 'utf8')).toMatch(/^# yaml-language-server/);
  });

  it('an unreachable --url: exit 3 naming the URL and the error, nothing written', async () => {
    const url = await deadUrl('/v1');
    const dir = await tmp();
    const run = await cli(['init', '--url', url], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${url}/chat/completions could not be reached: ECONNREFUSED`);
    expect(await readdir(dir)).toEqual([]);
  });
  it('follows no redirect and prints no key: a redirecting endpoint is exit 3, its target never called', async () => {
    const elsewhere = await startServer((_req, res) => sendJson(res, 200, { answer: 'hijacked' }));
    servers.push(elsewhere);
    const redirecting = await startServer((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/steal?token=s3cr3t-redirect` });
      res.end();
    });
    servers.push(redirecting);
    const dir = await tmp();
    const run = await cli(['init', '--url', `${redirecting.url}/api?api-version=s3cr3t-query`], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${redirecting.url}/api answered in no shape revgate knows`);
    expect(run.stderr).toContain(`HTTP 307, a redirect to ${elsewhere.url}/steal (not followed: pass the final URL)`);
    expect(run.stderr).not.toMatch(/s3cr3t/);
    expect(elsewhere.received).toHaveLength(0);
    // One request per shape, no credentials sent.
    expect(redirecting.received.map((r) => r.url)).toEqual([
      '/api/chat/completions?api-version=s3cr3t-query',
      '/api?api-version=s3cr3t-query',
    ]);
    expect(redirecting.received.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a key in the --url query: exit 4 before any request, the value never printed', async () => {
    const b = await bot(1);
    const dir = await tmp();
    const run = await cli(['init', '--url', `${b.url}/v1?api-key=s3cr3t-value`], { cwd: dir });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('--url carries a credential (query parameter "api-key")');
    expect(run.stderr).not.toContain('s3cr3t');
    expect(b.stats().requests).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('--kind writes the forced shape even when the answer does not confirm it, and says so', async () => {
    const odd = await startServer((_req, res) => sendJson(res, 200, { result: { reply: 'hi' } }));
    servers.push(odd);
    const dir = await tmp();
    const run = await cli(['init', '--url', `${odd.url}/chat`, '--kind', 'http-json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/detected http-json \(--kind\) at \S+\/chat, answer at answer, .*unconfirmed: HTTP 200 with no answer text/);
    expect(await readFile(join(dir, 'suites/my-service.yaml'), 'utf8')).toContain('# revgate init could not confirm this shape');
    const valid = await cli(['validate', 'suites/my-service.yaml'], { cwd: dir });
    expect(valid.code, valid.stderr + valid.stdout).toBe(0);
  });
});
