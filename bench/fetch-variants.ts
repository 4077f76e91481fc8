// Micro-benchmark of the ways the openai-chat target can hand the `openai` SDK a fetch, against
// bench/zero-server.ts (in its own process). Each variant runs in a fresh child process:
//   node dist/bench/fetch-variants.js [--n 4000] [--concurrency 64] [--variants a,b,…] [--profile (→ reports/profiles/fetch-<variant>.cpuprofile)]
// Variants:
//   pool       undici Pool.request, no SDK (the floor)
//   sdk-fetch  SDK, one client, undici's fetch with the target's Agent
//   sdk-thin   SDK, one client, the target's fetch (src/targets/openai-client.ts: agent.request → Response)
//   sdk-view   SDK, a withOptions() client view per call with undici's fetch (the old target)
// Prints req/s, CPU ms per request and peak RSS per variant.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import OpenAI from 'openai';
import { Agent, fetch as undiciFetch, Pool } from 'undici';
import { leanFetch } from '../src/targets/openai-client.js';

const { values: flags } = parseArgs({
  options: {
    n: { type: 'string', default: '4000' },
    concurrency: { type: 'string', default: '64' },
    variants: { type: 'string', default: 'pool,sdk-fetch,sdk-thin,sdk-view' },
    child: { type: 'string' },
    url: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
const n = Number(flags.n);
const concurrency = Number(flags.concurrency);
const here = fileURLToPath(new URL('.', import.meta.url));
const body = {
  model: 'bench-model',
  messages: [{ role: 'user' as const, content: 'What are the treatments for gout? (case 1)' }],
  temperature: 0,
  stream: false as const,
};

async function child(variant: string, url: string): Promise<void> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50).unref();
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
  const pool = new Pool(url, { connections: concurrency, keepAliveTimeout: 30_000 });
  type Fetch = NonNullable<ConstructorParameters<typeof OpenAI>[0]>['fetch'];
  const viaFetch: Fetch = (input, init) => undiciFetch(input as string, { ...(init as object), dispatcher: agent });
  const sdk = (fetch: Fetch) => new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0, logLevel: 'off', fetch });
  const fetchClient = sdk(viaFetch);
  const thinClient = sdk(leanFetch(agent));
  let send: () => Promise<unknown>;
  if (variant === 'pool') {
    send = async () => {
      const r = await pool.request({
        path: '/v1/chat/completions',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return r.body.json();
    };
  } else if (variant === 'sdk-fetch') send = () => fetchClient.chat.completions.create(body, { timeout: 30_000 }).withResponse();
  else if (variant === 'sdk-thin') send = () => thinClient.chat.completions.create(body, { timeout: 30_000 }).withResponse();
  else if (variant === 'sdk-view')
    send = () => fetchClient.withOptions({ fetch: viaFetch }).chat.completions.create(body, { timeout: 30_000 }).withResponse();
  else throw new Error(`unknown variant ${variant}`);
  for (let i = 0; i < 50; i++) await send();
  let next = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) await send();
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - start;
  clearInterval(sampler);
  process.stdout.write(
    `${JSON.stringify({ variant, rps: Math.round(n / (wall / 1000)), cpuMsPerReq: +((cpu.user + cpu.system) / 1000 / n).toFixed(3), peakRssMB: +(peak / 2 ** 20).toFixed(1) })}\n`,
  );
  await Promise.all([agent.close(), pool.close()]);
}

if (flags.child) {
  await child(flags.child, flags.url!);
} else {
  const server = spawn(process.execPath, [`${here}zero-server.js`], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((res) => server.stdout.setEncoding('utf8').once('data', (d: string) => res(d.split('\n')[0]!)));
  const { blue } = JSON.parse(line) as { blue: string };
  for (const variant of flags.variants.split(',')) {
    await new Promise<void>((res, rej) => {
      const prof = flags.profile
        ? ['--cpu-prof', '--cpu-prof-dir', 'reports/profiles', '--cpu-prof-name', `fetch-${variant}.cpuprofile`]
        : [];
      const c = spawn(
        process.execPath,
        [...prof, `${here}fetch-variants.js`, '--child', variant, '--url', blue, '--n', String(n), '--concurrency', String(concurrency)],
        { stdio: ['ignore', 'inherit', 'inherit'] },
      );
      c.on('exit', (code) => (code === 0 ? res() : rej(new Error(`${variant} exited ${code}`))));
    });
  }
  server.stdin.end();
}
