// `revgate init`: a starter suite and golden set that run as written — the request shape probed
// from a live endpoint (src/targets/probe.ts) or openai-chat placeholders — so a new user edits
// something that validates instead of starting from a blank file.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAtomic } from '../files/atomic-write.js';
import { RevgateError, UsageError } from '../model/errors.js';
import { recordedPath } from '../record/paths.js';
import { probeEndpoint, ProbeUnreachableError, ProbeUnrecognizedError, type ProbeKind, type ProbeResult } from '../targets/probe.js';
import { safeUrl } from '../targets/transport-errors.js';
import { goldenYaml, suiteYaml } from './init-templates.js';

export interface InitOptions {
  /** Base directory: files go to <dir>/suites/<name>.yaml and <dir>/golden/<name>.yaml. */
  dir: string;
  name: string;
  url?: string | undefined;
  kind?: ProbeKind | undefined;
  force?: boolean | undefined;
  /** Paths in the files' comments are shown relative to this directory. */
  cwd: string;
  signal?: AbortSignal | undefined;
  probeTimeoutMs?: number;
}

export interface InitResult {
  suiteFile: string;
  goldenFile: string;
  probe: ProbeResult | undefined;
  /** One line: what was detected (or that placeholders were written). */
  detected: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SECRET_PARAM = /key|token|secret|sig|password|auth/i;

export async function initSuite(o: InitOptions): Promise<InitResult> {
  if (!NAME.test(o.name)) {
    throw new UsageError(`invalid --name "${o.name}"`, 'use letters, digits, ".", "_" and "-" (it names the files), e.g. --name my-bot');
  }
  if (o.url !== undefined && !isHttpUrl(o.url)) {
    throw new UsageError(`--url must be an absolute http(s) URL, got "${safeUrl(o.url)}"`, 'e.g. --url http://127.0.0.1:8081/v1');
  }
  // The URL is written into the suite, a file meant to be committed: a key riding in its query
  // would be too. Refused before any request; the message names the parameter, never its value.
  const secretParam = o.url === undefined ? undefined : [...new URL(o.url).searchParams.keys()].find((k) => SECRET_PARAM.test(k));
  if (secretParam !== undefined || (o.url !== undefined && new URL(o.url).password !== '')) {
    throw new UsageError(
      `--url carries a credential (${secretParam === undefined ? 'a password' : `query parameter "${secretParam}"`}), which init would write into the suite`,
      'pass the URL without it; init sends no credentials, and the suite takes keys as ${ENV} references (target.apiKey, target.headers)',
    );
  }
  const base = resolve(o.cwd, o.dir);
  const suiteFile = join(base, 'suites', `${o.name}.yaml`);
  const goldenFile = join(base, 'golden', `${o.name}.yaml`);
  // Checked before any request: an init that cannot write should not call anyone.
  const existing = [suiteFile, goldenFile].filter((f) => existsSync(f));
  if (existing.length > 0 && o.force !== true) {
    throw new UsageError(
      `${existing.map((f) => shown(o.cwd, f)).join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written`,
      'pass --force to overwrite, or choose another --name or --dir',
    );
  }

  const probe = o.url === undefined ? undefined : await probe_(o.url, o);
  const spec = {
    name: o.name,
    probe,
    suitePath: shown(o.cwd, suiteFile),
    goldenPath: shown(o.cwd, goldenFile),
    recordedPath: shown(o.cwd, recordedPath(goldenFile)),
    suiteSchema: schemaRef(dirname(suiteFile), 'suite'),
    goldenSchema: schemaRef(dirname(goldenFile), 'golden'),
    goldenRef: posix(relative(dirname(suiteFile), goldenFile)),
  };
  await mkdir(dirname(suiteFile), { recursive: true });
  await mkdir(dirname(goldenFile), { recursive: true });
  // The golden set first: a suite is never left pointing at a golden file that was not written.
  await writeAtomic(goldenFile, goldenYaml(spec));
  await writeAtomic(suiteFile, suiteYaml(spec));
  return { suiteFile, goldenFile, probe, detected: describeProbe(probe, o.kind) };
}

async function probe_(url: string, o: InitOptions): Promise<ProbeResult> {
  try {
    return await probeEndpoint(url, { kind: o.kind, timeoutMs: o.probeTimeoutMs ?? 5000, signal: o.signal });
  } catch (error) {
    if (error instanceof ProbeUnreachableError) {
      throw new RevgateError('RG_TARGET_UNREACHABLE', `${error.url} could not be reached: ${error.detail}; nothing was written`, {
        hint: 'is the service running and the URL right? Without --url, init writes a suite with placeholder URLs',
        cause: error,
      });
    }
    if (error instanceof ProbeUnrecognizedError) {
      // Reached, but in no shape revgate knows: nothing to write a working suite from (exit 3 too).
      throw new RevgateError(
        'RG_TARGET_UNREACHABLE',
        `${safeUrl(url)} answered in no shape revgate knows (${error.message}); nothing was written`,
        {
          hint: 'pass --kind openai-chat or --kind http-json to write that shape anyway, then edit target.answer / target.docs',
          cause: error,
        },
      );
    }
    throw error;
  }
}

function describeProbe(p: ProbeResult | undefined, forced: ProbeKind | undefined): string {
  if (p === undefined) return 'no --url: wrote an openai-chat suite with placeholder URLs (http://127.0.0.1:8081/v1)';
  const parts = [`${p.kind}${forced ? ' (--kind)' : ''} at ${safeUrl(p.url)}`];
  if (p.kind === 'http-json') parts.push(`answer at ${p.answer ?? 'answer'}`);
  if (p.model) parts.push(`model ${p.model}`);
  parts.push(p.docs ? `docs preset ${p.docs}` : 'no retrieved documents seen');
  if (p.unconfirmed) parts.push(`unconfirmed: ${p.unconfirmed}`);
  return `detected ${parts.join(', ')}`;
}

function isHttpUrl(url: string): boolean {
  return URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);
}

/** A path as the user would type it from `cwd`. */
function shown(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') || rel === '' ? file : posix(rel);
}

const posix = (p: string) => p.split(sep).join('/');

/** The schemas shipped with revgate (package.json "files"), relative to `fromDir` for editors.
 *  src/run/ under vitest and tsx, dist/src/run/ once built: the first location that exists. */
function schemaRef(fromDir: string, kind: 'suite' | 'golden'): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = [join(here, '../../schemas'), join(here, '../../../schemas')]
    .map((d) => join(d, `${kind}.schema.json`))
    .find((f) => existsSync(f));
  return file === undefined ? `${kind}.schema.json` : posix(relative(fromDir, file));
}
