// The npm package as a user gets it: `npm pack`, installed into an empty prefix with runtime
// dependencies only (no clone, no devDependencies, no build), then --help, validate and a small
// compare against the reference service run from the installed copy.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { medquadCases } from '../e2e/helpers.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function revgate(bin: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, CI: '1' }, maxBuffer: 16 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('the npm package', () => {
  it('packs compiled JavaScript, schemas and notices only; installs without devDependencies; every command runs', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'revgate-pack-'));
    cleanup.push(() => rm(tmp, { recursive: true, force: true }));
    // --ignore-scripts: `npm test` has just built dist/ (prepack would rebuild it under the other test files).
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT, maxBuffer: 16 << 20 });
    const [info] = JSON.parse(packed.stdout) as { filename: string; size: number; entryCount: number; files: { path: string }[] }[];
    const paths = info!.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'bin/revgate.js',
        'dist/src/cli/main.js',
        'schemas/suite.schema.json',
        'LICENSE',
        'NOTICE',
        'CHANGELOG.md',
        'README.md',
      ]),
    );
    // Nothing of the repository's tooling, tests, references or data.
    expect(
      paths.filter((p) => !/^(bin\/|dist\/src\/|schemas\/|LICENSE$|NOTICE$|CHANGELOG\.md$|README\.md$|package\.json$)/.test(p)),
    ).toEqual([]);
    expect(paths.some((p) => p.endsWith('.map') || (p.endsWith('.ts') && !p.endsWith('.d.ts')))).toBe(false);

    const prefix = join(tmp, 'prefix');
    // Under `npm test` the inner npm would inherit npm's own settings (npm_config_prefix, …): drop them.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
    const started = performance.now();
    const install = await run(
      'npm',
      ['install', '--prefix', prefix, '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', join(tmp, info!.filename)],
      { env, maxBuffer: 16 << 20 },
    );
    const installMs = performance.now() - started;
    // No install script: npm has nothing to warn about (npm ≥ 11.16 warns on unapproved install scripts).
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/install-scripts/);
    console.log(
      `[figure] tarball ${(info!.size / 1024).toFixed(0)} KiB, ${info!.entryCount} files; install into an empty prefix ${(installMs / 1000).toFixed(1)} s`,
    );
    const installed = await readdir(join(prefix, 'node_modules'));
    expect(installed).toContain('revgate');
    for (const dev of ['vitest', 'typescript', 'eslint', 'playwright-core', 'dependency-cruiser']) expect(installed).not.toContain(dev);
    const bin = join(prefix, 'node_modules', 'revgate', 'bin', 'revgate.js');

    const help = await revgate(bin, ['--help'], tmp);
    expect(help.code).toBe(0);
    for (const command of ['compare', 'validate', 'calibrate', 'init', 'rollout', 'diff']) expect(help.stdout).toContain(command);

    // A small suite against the reference service, from the installed copy.
    const blue: Pharmabot = await startPharmabot({ seed: 1 });
    const green: Pharmabot = await startPharmabot({ seed: 2 });
    cleanup.push(
      () => blue.close(),
      () => green.close(),
    );
    await writeFile(join(tmp, 'golden.yaml'), stringify({ cases: medquadCases(6) }));
    await writeFile(
      join(tmp, 'suite.yaml'),
      stringify({
        name: 'installed',
        golden: 'golden.yaml',
        target: { kind: 'openai-chat', model: 'pharmabot-1', docs: { preset: 'azure-on-your-data' } },
        blue: { url: `${blue.url}/v1` },
        green: { url: `${green.url}/v1` },
        sampling: { concurrency: 4, warmup: 0, timeout: '10s', readyTimeout: '5s' },
        scoring: { minCases: 5 },
        thresholds: ['error_rate <= 5%', 'delta.rag.recall@5 >= -0.2'],
        report: { dir: 'reports' },
      }),
    );
    const validate = await revgate(bin, ['validate', 'suite.yaml'], tmp);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toMatch(/suite\.yaml: valid/);
    const compare = await revgate(bin, ['compare', 'suite.yaml', '--progress', 'none'], tmp);
    expect([0, 1, 2], compare.stderr).toContain(compare.code);
    expect(compare.stdout).toMatch(/revgate (PASS|FAIL|INCONCLUSIVE) {2}installed/);
    const runs = await readdir(join(tmp, 'reports'));
    expect(await readdir(join(tmp, 'reports', runs[0]!))).toEqual(
      expect.arrayContaining(['report.json', 'summary.md', 'junit.xml', 'report.html']),
    );
  }, 300_000);
});
