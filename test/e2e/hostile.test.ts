// A hostile or broken green on loopback: bodies far past sampling.maxResponseBytes, as JSON, as an
// endless event stream, for both target kinds. Each attempt is a `response_too_large` error (its
// own class, never a success), the body is dropped, and the run ends with a verdict.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { parse, stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { compareCli, medquadCases, readReport, runDir, writeSuite } from './helpers.js';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** 64 KiB chunks, `total` bytes in all (or until the client hangs up), as JSON or as an SSE stream that never ends. */
async function hugeServer(kind: 'json' | 'sse', total = 50 * 1024 * 1024): Promise<{ url: string; sent: () => number }> {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/health')) return void res.writeHead(200).end('ok');
    req.resume();
    res.writeHead(200, { 'content-type': kind === 'sse' ? 'text/event-stream' : 'application/json' });
    if (kind === 'json') res.write('{"answer":"');
    let written = 0;
    const pump = () => {
      while (written < total && !res.destroyed) {
        const piece = kind === 'sse' ? Buffer.from(`data: {"id":"x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"${'b'.repeat(4000)}"}}]}\n\n`) : chunk;
        written += piece.length;
        sent += piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end(kind === 'json' ? '"}' : '');
    };
    pump();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  servers.push({ close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }) });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent: () => sent };
}

async function pharmabot(): Promise<Pharmabot> {
  const p = await startPharmabot({ seed: 1 });
  servers.push(p);
  return p;
}

describe('a green answering past sampling.maxResponseBytes', () => {
  it.each([
    ['openai-chat, a 50 MB JSON body', 'json', {}],
    ['openai-chat, an endless event stream', 'sse', { stream: true }],
  ] as const)('%s: every green attempt is response_too_large, the body is dropped, the verdict is not a pass', async (_name, kind, target) => {
    const blue = await pharmabot();
    const green = await hugeServer(kind, kind === 'sse' ? 500 * 1024 * 1024 : 50 * 1024 * 1024);
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/v1`, target: { docs: { preset: 'none' }, ...target }, sampling: { maxResponseBytes: 1024 * 1024, retries: 0 }, thresholds: ['error_rate <= 1%'] });
    const r = await compareCli(s);
    expect(r.code, r.stderr).toBe(1);
    const report = await readReport(await runDir(s.reportsDir));
    const errors = report.errors.filter((e: { revision: string }) => e.revision === 'green');
    expect(errors.map((e: { class: string }) => e.class)).toEqual(['response_too_large']);
    expect(errors[0].example).toMatch(/maxResponseBytes \(1048576 bytes\); dropped/);
    // Only a little past the limit was read per attempt before the connection was dropped.
    expect(green.sent()).toBeLessThan(10 * 20 * 1024 * 1024);
  });

  it('http-json: a 50 MB body is response_too_large', async () => {
    const blue = await pharmabot();
    const green = await hugeServer('json');
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/ask`, target: { docs: { preset: 'none' } }, sampling: { maxResponseBytes: 1024 * 1024, retries: 0 }, thresholds: ['error_rate <= 1%'] });
    const suite = parse(await readFile(s.suiteFile, 'utf8'));
    suite.target = { docs: { preset: 'none' } };
    suite.blue = { kind: 'openai-chat', model: 'pharmabot-1', url: `${blue.url}/v1` };
    suite.green = { kind: 'http-json', url: `${green.url}/ask`, body: { q: '{{question}}' }, answer: 'answer', readyPath: 'none' };
    await writeFile(s.suiteFile, stringify(suite));
    const r = await compareCli(s);
    expect(r.code, r.stderr).toBeGreaterThanOrEqual(1);
    const report = await readReport(await runDir(s.reportsDir));
    expect(report.errors.filter((e: { revision: string }) => e.revision === 'green').map((e: { class: string }) => e.class)).toEqual(['response_too_large']);
  });
});

describe('a green answering with terminal control, bidi overrides and workflow commands', () => {
  it('none of it reaches the console, the annotations, the job summary or any report', async () => {
    const evil = 'ok\u0000\u0007 \u001b[2J\u001b[31mred\u001b[0m \u202eevil\u202c\n::error::pwned\n  ::set-output name=x::y';
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/health')) return void res.writeHead(200).end('ok');
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: evil } }] }));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    servers.push({ close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }) });
    const blue = await pharmabot();
    const green = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green}/v1`, target: { docs: { preset: 'none' } }, thresholds: ['ref.rougeL.mean >= 0.9'], report: { formats: ['json', 'md', 'junit', 'html'] } });
    const summary = `${s.dir}/step-summary.md`;
    const r = await compareCli(s, [], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(r.code, r.stderr).toBe(1);
    const dir = await runDir(s.reportsDir);
    const outputs = [r.stdout, r.stderr, await readFile(summary, 'utf8'), ...(await Promise.all(['report.json', 'summary.md', 'junit.xml', 'report.html', 'results.jsonl', 'cases.jsonl'].map((f) => readFile(`${dir}/${f}`, 'utf8'))))];
    for (const out of outputs) {
      expect(out).not.toMatch(/[\u0000\u0007\u001b\u202e]/);
      expect(out).not.toMatch(/^\s*::(error::pwned|set-output)/m);
      expect(out).not.toMatch(/\\u0000|\\u001b/);
    }
    // Our own annotations are still there, and the answer is kept, defused.
    expect(r.stdout).toMatch(/^::error title=revgate /m);
    expect(await readFile(`${dir}/results.jsonl`, 'utf8')).toContain(': :error::pwned');
  });
});

describe('a green that resets every connection', () => {
  it.each([0, 2])('is classified the same with warm-up %i: connection errors, green produced nothing (exit 3)', async (warmup) => {
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/health')) return void res.writeHead(200).end('ok');
      req.socket.destroy();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    servers.push({ close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }) });
    const blue = await pharmabot();
    const green = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green}/v1`, cases: medquadCases(4), sampling: { warmup, retries: 0 }, thresholds: ['error_rate <= 1%'] });
    const r = await compareCli(s);
    // Not "unreachable" (it answers the readiness probe and accepts connections): its resets are counted.
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/green produced no successful answer/);
    expect(r.stderr).not.toMatch(/unreachable/);
    const report = await readReport(await runDir(s.reportsDir));
    expect(report.errors.filter((e: { revision: string }) => e.revision === 'green').map((e: { class: string }) => e.class)).toEqual(['connection']);
  });
});

describe('a green that drips its body', () => {
  it.each([
    ['openai-chat', {}],
    ['http-json', { kind: 'http-json' }],
  ] as const)('%s: the timeout covers the whole exchange, body included (timeout, not a hang)', async (_kind, extra) => {
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/health')) return void res.writeHead(200).end('ok');
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"answer":"');
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write('a')), 50);
      res.on('close', () => clearInterval(drip));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    servers.push({ close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }) });
    const blue = await pharmabot();
    const green = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green}/v1`, cases: medquadCases(2), sampling: { timeout: '400ms', retries: 0 }, thresholds: ['error_rate <= 1%'] });
    if ('kind' in extra) {
      const suite = parse(await readFile(s.suiteFile, 'utf8'));
      suite.target = { docs: { preset: 'none' } };
      suite.blue = { kind: 'openai-chat', model: 'pharmabot-1', url: `${blue.url}/v1` };
      suite.green = { kind: 'http-json', url: `${green}/ask`, body: { q: '{{question}}' }, answer: 'answer' };
      await writeFile(s.suiteFile, stringify(suite));
    }
    const started = performance.now();
    const r = await compareCli(s);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(r.code, r.stderr).toBeGreaterThanOrEqual(1);
    const report = await readReport(await runDir(s.reportsDir));
    expect(report.errors.filter((e: { revision: string }) => e.revision === 'green').map((e: { class: string }) => e.class)).toEqual(['timeout']);
  });
});
