// Secrets never leave the process: a green that echoes every request header and its URL into its
// answers and its errors, targets with keys from the environment (Bearer, api-key, a `?code=` in
// the URL), a variable the suite marks secret. Nothing of them may reach the console, any report
// file, the GitHub step summary, or a recorded golden file.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { stringify, parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedactor, MASK } from '../../src/secrets/redact.js';
import { cli, medquadCases, writeSuite } from './helpers.js';

const KEY = 'sk-live-0123456789abcdef';
const HEADER_KEY = 'hdr-secret-9f8e7d6c5b4a';
const CODE = 'fn-code-ZYXWVUTSRQ';
const MARKED = 'marked-secret-value-42';
const TOKEN = 'arm-token-abcdef123456';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** An OpenAI-compatible server that answers with everything it received: URL, headers, body. Every 4th call: a 500 echoing the same. */
async function echoServer(): Promise<string> {
  let n = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (req.url?.startsWith('/health')) return void res.writeHead(200).end('ok');
      const echo = `url=${req.url} headers=${JSON.stringify(req.headers)} body=${body.slice(0, 200)} also ${MARKED}`;
      if (++n % 4 === 0) return void res.writeHead(500, { 'content-type': 'text/plain' }).end(echo);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          created: 1,
          model: 'm',
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: echo } }],
          answer: echo,
          sources: [],
        }),
      );
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  servers.push({
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function everyFile(dir: string): Promise<string> {
  let all = '';
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) all += await readFile(join(e.parentPath, e.name), 'utf8');
  return all;
}

const leaks = (text: string) => [KEY, HEADER_KEY, CODE, MARKED, TOKEN, encodeURIComponent(KEY)].filter((s) => text.includes(s));

describe('secrets never leave the process', () => {
  it('the redactor masks known values, secret query parameters, bearer tokens and echoed secret headers', () => {
    const r = createRedactor([KEY, 'short']);
    expect(r(`key ${KEY} in text`)).toBe(`key ${MASK} in text`);
    expect(r('GET /openai/deployments/x?api-version=2024-10-21&api-key=abc123&code=zz#f')).toBe(
      `GET /openai/deployments/x?api-version=2024-10-21&api-key=${MASK}&code=${MASK}#f`,
    );
    expect(r('Authorization: Bearer eyJhbGciOi.J9.sig_-')).toBe(`Authorization: ${MASK}`);
    expect(r('sent Bearer abc.def')).toBe(`sent Bearer ${MASK}`);
    expect(r('{"api-key":"xyz987","x-api-key":"k"}')).toBe(`{"api-key":"${MASK}","x-api-key":"${MASK}"}`);
    expect(r('a short word stays')).toBe('a short word stays');
    r.add([TOKEN]);
    expect(r(`token ${TOKEN}`)).toBe(`token ${MASK}`);
  });

  it('compare: nothing of the keys reaches the console, the reports or the step summary, even from an echoing green', async () => {
    const green = await echoServer();
    const blue = await echoServer();
    const s = await writeSuite({
      blue,
      green: `${green}/v1`,
      target: { apiKey: '${SUITE_KEY}', headers: { 'x-api-key': '${HEADER_KEY}' }, docs: { preset: 'none' } },
      blueTarget: { url: `${blue}/v1` },
      thresholds: ['error_rate <= 50%'],
      report: { formats: ['json', 'md', 'junit', 'html'] },
      cases: medquadCases(6),
    });
    // The suite marks one more variable secret; the http-json green below carries a code in its URL.
    const suite = parse(await readFile(s.suiteFile, 'utf8'));
    suite.secrets = ['MARKED_VAR'];
    suite.target = { headers: { 'x-api-key': '${HEADER_KEY}' }, docs: { preset: 'none' }, readyPath: '/health/ready' };
    suite.blue = { kind: 'openai-chat', model: 'pharmabot-1', apiKey: '${SUITE_KEY}', url: `${blue}/v1` };
    suite.green = { kind: 'http-json', url: `${green}/api/ask?code=${CODE}`, body: { question: '{{question}}' }, answer: 'answer' };
    await writeFile(s.suiteFile, stringify(suite));
    const summaryFile = join(s.dir, 'step-summary.md');
    const env = {
      SUITE_KEY: KEY,
      HEADER_KEY,
      MARKED_VAR: MARKED,
      REVGATE_AZURE_TOKEN: TOKEN,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_ACTIONS: 'true',
    };
    const r = await cli(['compare', s.suiteFile, '--progress', 'none'], { cwd: s.dir, env });
    expect(r.code, r.stderr).toBeLessThan(4);
    const files = await everyFile(s.reportsDir);
    // The echo really happened (masked), so the test would see a leak.
    expect(files).toContain(MASK);
    expect(files).toMatch(/code=\*\*\*/);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
    expect(leaks(files)).toEqual([]);
    expect(leaks(await readFile(summaryFile, 'utf8'))).toEqual([]);
    // record: blue's echoed answers become golden references, masked.
    const rec = await cli(['record', s.suiteFile], { cwd: s.dir, env });
    expect(rec.code, rec.stderr).toBe(0);
    const recorded = (await readdir(s.dir)).filter((f) => f.includes('recorded'));
    expect(recorded.length).toBeGreaterThan(0);
    const text = (await Promise.all(recorded.map((f) => readFile(join(s.dir, f), 'utf8')))).join('');
    expect(text).toContain(MASK);
    expect(leaks(text + rec.stdout + rec.stderr)).toEqual([]);
  });
});
