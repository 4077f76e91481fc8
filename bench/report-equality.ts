// Is a merged report (`revgate merge` of the shards of a run) the report of one unsharded run of
// the same cases? Used by bench/shards.bench.ts and test/bench/shards.test.ts.
//
// Two runs against bench/zero-server.ts --vary get the same answers (a function of the case and
// the side), so everything computed from the answers must be equal: the verdict, every check's
// status, value and statistics (p-values, estimates, effect sizes, Fisher/Newcombe intervals,
// outcomes, counts), every metric (overall and per tag) except latency, the errors, the
// highlighted cases' regressions, and every case record except its measured latencies.
// "Equal" is exact for strings, booleans and counts, and for floats within 1e-9 relative: the
// merge feeds the cases shard by shard while the unsharded run feeds them in completion order,
// and a float sum in another order can differ in the last bits (the number of bit-exact
// values is reported too).
//
// Not compared as equal, reported side by side instead:
//  - latency (latency.*, ttft.*, and checks on them): measured, so two replays differ. merge
//    computes exact type-7 quantiles over the union of the shards' samples (no sketch), so the
//    merge itself adds no error; the difference is the replays' own.
//  - the bounds of a bootstrap interval (paired BCa for Wilcoxon tests): resampled in case order,
//    which differs between the merged and the unsharded run (README "Sharding large suites");
//    allowed to differ by BOOTSTRAP_TOLERANCE of the interval's width (the Monte-Carlo error of
//    a 2000-resample bound is a few percent of the width).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export const FLOAT_TOLERANCE = 1e-9;
export const BOOTSTRAP_TOLERANCE = 0.2;

// Reports are compared as loose JSON, as the tests read them: the comparison walks the written
// file's fields and reports what differs, so the static any-tracking rules are off in this file.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument */
export type Loose = any;

/** report.json without its cases (read up to `"cases": [`, so a 200k-case report is not parsed whole). */
export async function readSummary(reportJson: string): Promise<Loose> {
  const marker = '\n  "cases": [';
  let text = '';
  for await (const chunk of createReadStream(reportJson, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    text += chunk as string;
    const at = text.indexOf(marker);
    if (at !== -1) {
      const head = text.slice(0, at).trimEnd().replace(/,$/, '');
      return JSON.parse(`${head}\n}`);
    }
  }
  return JSON.parse(text);
}

export interface Difference {
  path: string;
  whole: unknown;
  merged: unknown;
}

export interface SideBySide {
  path: string;
  whole: unknown;
  merged: unknown;
}

export interface Equality {
  equal: boolean;
  /** Values compared as deterministic, and how many of them were bit-exact / equal within FLOAT_TOLERANCE. */
  compared: number;
  exact: number;
  differences: Difference[];
  /** Latency figures and checks: measured, shown side by side. */
  latency: SideBySide[];
  /** Bootstrap interval bounds: within BOOTSTRAP_TOLERANCE of the width, or a difference. */
  bootstrap: (SideBySide & { withinTolerance: boolean })[];
  /** Case records compared (without latencies), when case files were given. */
  cases?: number;
}

const isLatency = (name: string) => /(^|\.)(latency|ttft)(\.|$)/.test(name);

class Comparer {
  compared = 0;
  exact = 0;
  differences: Difference[] = [];
  latency: SideBySide[] = [];
  bootstrap: Equality['bootstrap'] = [];

  value(path: string, whole: unknown, merged: unknown): void {
    if (typeof whole === 'number' && typeof merged === 'number') {
      this.compared++;
      if (Object.is(whole, merged)) this.exact++;
      else if (Math.abs(whole - merged) > FLOAT_TOLERANCE * Math.max(1, Math.abs(whole), Math.abs(merged)))
        this.differences.push({ path, whole, merged });
      return;
    }
    if (Array.isArray(whole) && Array.isArray(merged) && whole.length === merged.length) {
      whole.forEach((w, i) => this.value(`${path}[${i}]`, w, merged[i]));
      return;
    }
    if (isObject(whole) && isObject(merged)) {
      const keys = [...new Set([...Object.keys(whole), ...Object.keys(merged)])];
      for (const k of keys) this.value(`${path}.${k}`, whole[k], merged[k]);
      return;
    }
    this.compared++;
    if (JSON.stringify(whole) === JSON.stringify(merged)) this.exact++;
    else this.differences.push({ path, whole, merged });
  }

  /** metrics / metricsByTag[tag]: {blue, green, pair, …: {name: {value, n}}}. */
  metricSets(path: string, whole: Loose, merged: Loose): void {
    for (const side of union(whole, merged)) {
      for (const name of union(whole?.[side], merged?.[side])) {
        const p = `${path}.${side}.${name}`;
        if (isLatency(name)) this.latency.push({ path: p, whole: whole?.[side]?.[name]?.value, merged: merged?.[side]?.[name]?.value });
        else this.value(p, whole?.[side]?.[name], merged?.[side]?.[name]);
      }
    }
  }

  check(whole: Loose, merged: Loose): void {
    const p = `checks[${whole?.id ?? merged?.id}]`;
    if (!whole || !merged) return void this.differences.push({ path: p, whole: whole?.status, merged: merged?.status });
    if (isLatency(String(whole.metric ?? ''))) {
      this.latency.push({ path: `${p}.status`, whole: whole.status, merged: merged.status });
      this.latency.push({ path: `${p}.value`, whole: whole.value, merged: merged.value });
      if (whole.stats) this.latency.push({ path: `${p}.stats.interval`, whole: whole.stats.interval, merged: merged.stats?.interval });
      return;
    }
    const { reason: _r, stats: ws, ...w } = whole;
    const { reason: _m, stats: ms, ...m } = merged;
    this.value(p, w, m);
    if (!ws && !ms) return;
    const { interval: wi, ...wRest } = ws ?? {};
    const { interval: mi, ...mRest } = ms ?? {};
    this.value(`${p}.stats`, wRest, mRest);
    if (/bootstrap/i.test(String(ws?.test ?? '')) && Array.isArray(wi) && Array.isArray(mi)) {
      const width = Math.abs(wi[1] - wi[0]);
      [0, 1].forEach((i) => {
        const withinTolerance = Math.abs(wi[i] - mi[i]) <= BOOTSTRAP_TOLERANCE * width + FLOAT_TOLERANCE;
        this.bootstrap.push({ path: `${p}.stats.interval[${i}]`, whole: wi[i], merged: mi[i], withinTolerance });
        if (!withinTolerance) this.differences.push({ path: `${p}.stats.interval[${i}]`, whole: wi[i], merged: mi[i] });
      });
    } else this.value(`${p}.stats.interval`, wi, mi);
  }
}

/** Compare the deterministic content of an unsharded report summary with a merged one. */
export function compareSummaries(whole: Loose, merged: Loose): Equality {
  const c = new Comparer();
  c.value('suite', pick(whole.suite, ['name', 'configHash', 'golden']), pick(merged.suite, ['name', 'configHash', 'golden']));
  c.value('config', whole.config, merged.config);
  c.value('run', pick(whole.run, ['complete', 'casesDone', 'casesPlanned']), pick(merged.run, ['complete', 'casesDone', 'casesPlanned']));
  c.value('verdict', pick(whole.verdict, ['status', 'counts']), pick(merged.verdict, ['status', 'counts']));
  c.metricSets('metrics', whole.metrics, merged.metrics);
  for (const tag of union(whole.metricsByTag, merged.metricsByTag))
    c.metricSets(`metricsByTag.${tag}`, whole.metricsByTag?.[tag], merged.metricsByTag?.[tag]);
  const byId = (r: Loose) => new Map<string, Loose>((r.checks ?? []).map((x: Loose) => [x.id, x]));
  const [wc, mc] = [byId(whole), byId(merged)];
  for (const id of new Set([...wc.keys(), ...mc.keys()])) c.check(wc.get(id), mc.get(id));
  c.value('errors', whole.errors, merged.errors);
  c.value('critical', (whole.critical ?? []).map((x: Loose) => x.id).sort(), (merged.critical ?? []).map((x: Loose) => x.id).sort());
  // The top cases by regression: ties at the cut may pick other cases, the regressions cannot differ.
  const regressions = (r: Loose) => (r.highlights ?? []).map((h: Loose) => h.regression).sort((a: number, b: number) => b - a);
  c.value('highlights.regression', regressions(whole), regressions(merged));
  return {
    equal: c.differences.length === 0,
    compared: c.compared,
    exact: c.exact,
    differences: c.differences,
    latency: c.latency,
    bootstrap: c.bootstrap,
  };
}

/** A case record without what is measured (latencies), as one JSON string. */
function deterministicCase(line: string): [string, string] {
  const r: Loose = JSON.parse(line);
  for (const side of ['blue', 'green']) {
    if (r[side]) {
      delete r[side].latencyMs;
      delete r[side].ttftMs;
    }
  }
  return [r.id as string, JSON.stringify(r)];
}

/** Compare two cases.jsonl files case by case (by id, any order), latencies left out. */
export async function compareCaseFiles(wholeJsonl: string, mergedJsonl: string, into: Equality): Promise<Equality> {
  const whole = new Map<string, string>();
  for await (const line of createInterface({ input: createReadStream(wholeJsonl), crlfDelay: Infinity })) {
    if (line === '') continue;
    const [id, text] = deterministicCase(line);
    whole.set(id, text);
  }
  let cases = 0;
  for await (const line of createInterface({ input: createReadStream(mergedJsonl), crlfDelay: Infinity })) {
    if (line === '') continue;
    const [id, text] = deterministicCase(line);
    cases++;
    const w = whole.get(id);
    if (w !== text && into.differences.length < 1000) into.differences.push({ path: `cases[${id}]`, whole: w ?? null, merged: text });
    whole.delete(id);
  }
  for (const id of [...whole.keys()].slice(0, 100)) into.differences.push({ path: `cases[${id}]`, whole: 'present', merged: 'missing' });
  return { ...into, cases, equal: into.differences.length === 0 };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function union(a: unknown, b: unknown): string[] {
  return [...new Set([...Object.keys(isObject(a) ? a : {}), ...Object.keys(isObject(b) ? b : {})])];
}

function pick(o: Loose, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o?.[k]]));
}
