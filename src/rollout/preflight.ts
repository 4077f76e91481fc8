// Pre-flight, before anything moves: resolve blue and green, check green is healthy and ready,
// the app runs in Multiple mode, blue serves 100%, and the table is pinned by revision name.
// Every problem is collected and reported at once (RG_TRAFFIC_PREFLIGHT).
import type { ResolvedRollout } from './options.js';
import { TrafficError } from '../model/errors.js';
import type { AppInfo, RevisionInfo, RouterCallOptions, TrafficRouter } from '../traffic/types.js';
import type { Table } from './types.js';
import { revisionUrl } from './urls.js';

export interface Resolved {
  blue: RevisionInfo;
  green: RevisionInfo;
  /** The table pinned by name (a latestRevision entry converted). */
  table: Table;
  /** True when the stored table had a latestRevision entry (it must be written pinned). */
  needsPin: boolean;
  /** Base URLs (the revision's own, or rollout.urls) for readiness, /version and the replay. */
  baseUrls: { blue: string; green: string };
  checks: string[];
}

const eq = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

/** Replace a `latestRevision: true` entry by the revision it follows now; merge duplicates. */
export function pinTable(app: AppInfo): { table: Table; pinned: boolean } {
  const out: Table = [];
  let pinned = false;
  for (const e of app.traffic) {
    const revision = e.latestRevision || e.revision === '' ? (app.latestRevisionName ?? '') : e.revision;
    if (e.latestRevision || e.revision === '') pinned = true;
    const known = out.find((x) => x.revision === revision);
    if (known) known.weight += e.weight;
    else out.push(e.label === undefined ? { revision, weight: e.weight } : { revision, weight: e.weight, label: e.label });
  }
  return { table: out, pinned };
}

/** The revision health checks (healthState, runningState, provisioningState); problems as text. */
export function healthProblems(r: RevisionInfo): string[] {
  const out: string[] = [];
  if (!r.active) out.push(`${r.name} is inactive (activate it first)`);
  if (!eq(r.healthState, 'Healthy'))
    out.push(`${r.name} healthState is ${r.healthState || 'unknown'}, not Healthy${r.error ? ` (${r.error})` : ''}`);
  if (!eq(r.runningState, 'Running')) out.push(`${r.name} runningState is ${r.runningState || 'unknown'}, not Running`);
  if (!eq(r.provisioningState, 'Provisioned'))
    out.push(`${r.name} provisioningState is ${r.provisioningState || 'unknown'}, not Provisioned`);
  return out;
}

/** GET <url>/health/ready → true on 200. */
export async function isReady(url: string, signal?: AbortSignal): Promise<string | null> {
  try {
    const timeout = AbortSignal.timeout(5000);
    const res = await fetch(`${url.replace(/\/+$/, '')}/health/ready`, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    await res.arrayBuffer();
    return res.status === 200 ? null : `answered ${res.status}`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Read the app and its revisions and check everything; throws with every problem at once. */
export async function preflight(
  router: TrafficRouter,
  plan: Pick<ResolvedRollout, 'blue' | 'green' | 'urls'>,
  o: RouterCallOptions & { fresh: boolean },
): Promise<Resolved> {
  const app = await router.describe(o);
  const revisions = await router.listRevisions(o);
  const problems: string[] = [];
  const { table, pinned } = pinTable(app);
  const find = (name: string) => revisions.find((r) => r.name === name);
  if (!eq(app.activeRevisionsMode, 'Multiple'))
    problems.push(`activeRevisionsMode is ${app.activeRevisionsMode}, not Multiple (blue/green needs Multiple)`);
  const greenName = plan.green === 'latest' ? app.latestRevisionName : plan.green;
  const serving = table.filter((e) => e.weight > 0);
  const blueName = plan.blue === 'auto' ? (serving.length === 1 && serving[0]!.weight === 100 ? serving[0]!.revision : null) : plan.blue;
  if (!greenName) problems.push('no green revision: the app has no latest revision (name one with --green)');
  if (!blueName)
    problems.push(
      `blue is "auto" but no single revision serves 100% (${table.map((e) => `${e.revision} ${e.weight}%`).join(', ')}); name it with --blue`,
    );
  const green = greenName ? find(greenName) : undefined;
  const blue = blueName ? find(blueName) : undefined;
  if (greenName && !green) problems.push(`green revision ${greenName} does not exist (known: ${revisions.map((r) => r.name).join(', ')})`);
  if (blueName && !blue) problems.push(`blue revision ${blueName} does not exist`);
  if (blueName && greenName && blueName === greenName)
    problems.push(`green ${greenName} is already the serving revision: nothing to roll out`);
  if (green) problems.push(...healthProblems(green));
  if (blue && !blue.active) problems.push(`blue ${blue.name} is inactive`);
  if (o.fresh && blue && (table.find((e) => e.revision === blue.name)?.weight ?? 0) !== 100)
    problems.push(
      `blue ${blue.name} does not serve 100% of the traffic (${table.map((e) => `${e.revision} ${e.weight}%`).join(', ')}); run \`revgate rollback\` or name --blue`,
    );
  const greenUrl = green ? revisionUrl(green, app, plan.urls) : null;
  const blueUrl = blue ? revisionUrl(blue, app, plan.urls) : null;
  if (green && !greenUrl)
    problems.push(
      `green ${green.name} has no URL (set rollout.urls.${green.name}: a URL or label:<name>; a label URL needs the app's ingress FQDN)`,
    );
  if (blue && !blueUrl)
    problems.push(
      `blue ${blue.name} has no URL (set rollout.urls.${blue.name}: a URL or label:<name>; a label URL needs the app's ingress FQDN)`,
    );
  if (greenUrl) {
    const notReady = await isReady(greenUrl, o.signal);
    if (notReady) problems.push(`green ${greenName} is not ready: ${greenUrl}/health/ready ${notReady}`);
  }
  if (problems.length > 0 || !blue || !green || !blueUrl || !greenUrl) {
    throw new TrafficError('RG_TRAFFIC_PREFLIGHT', `pre-flight failed, nothing was moved:\n  - ${problems.join('\n  - ')}`, {
      hint: 'fix the revisions (or --blue / --green) and run again',
    });
  }
  const checks = [
    `mode ${app.activeRevisionsMode}`,
    `green ${green.name} ${green.healthState}/${green.runningState}/${green.provisioningState}`,
    `green ready at ${greenUrl}`,
    `blue ${blue.name}`,
    pinned ? 'table pinned by revision name' : 'table already pinned',
  ];
  return { blue, green, table, needsPin: pinned, baseUrls: { blue: blueUrl, green: greenUrl }, checks };
}
