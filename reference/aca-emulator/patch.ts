// PATCH containerApps/{app}: validation of the JSON merge patch, done synchronously as ARM does (400 before any
// operation starts), and the change it will make once its long-running operation succeeds.
// Only `tags` and `properties.configuration.ingress.traffic` are modelled; tags are replaced wholesale
// (ARM RPC: tags are not merge-patched) and the traffic array is replaced (merge patch replaces arrays).
import { ArmError } from './http.js';
import { normalizeLocation, type AppState, type TrafficEntry } from './model.js';

export interface AppChange {
  tags?: Record<string, string>;
  traffic?: TrafficEntry[];
}

const bad = (code: string, message: string): ArmError => new ArmError(400, code, message);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The change a PATCH body asks for; throws a 400 ArmError when ARM would refuse it.
export function parsePatch(state: AppState, body: unknown): AppChange {
  if (!isObject(body)) throw bad('InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  if (
    body.location !== undefined &&
    (typeof body.location !== 'string' || normalizeLocation(body.location) !== normalizeLocation(state.location))
  ) {
    throw bad(
      'LocationMismatch',
      `The resource '${state.name}' exists in location '${state.location}'; the request names '${JSON.stringify(body.location)}'.`,
    );
  }
  const change: AppChange = {};
  if (body.tags !== undefined) change.tags = parseTags(body.tags);
  const ingress = isObject(body.properties) && isObject(body.properties.configuration) ? body.properties.configuration.ingress : undefined;
  if (isObject(ingress) && ingress.traffic !== undefined) change.traffic = parseTraffic(state, ingress.traffic);
  return change;
}

function parseTags(tags: unknown): Record<string, string> {
  if (tags === null) return {};
  if (!isObject(tags)) throw bad('InvalidTag', 'tags must be an object of strings');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string') throw bad('InvalidTag', `The value of tag '${key}' must be a string.`);
    if (key.length > 512 || value.length > 256)
      throw bad('InvalidTagNameOrValue', `Tag '${key}': names are limited to 512 characters and values to 256.`);
    out[key] = value;
  }
  return out;
}

function parseTraffic(state: AppState, traffic: unknown): TrafficEntry[] {
  if (!Array.isArray(traffic)) throw bad('ContainerAppInvalidTraffic', 'ingress.traffic must be an array');
  const entries: TrafficEntry[] = [];
  const seen = new Set<string>();
  const labels = new Set<string>();
  let sum = 0;
  for (const raw of traffic) {
    if (!isObject(raw)) throw bad('ContainerAppInvalidTraffic', 'each traffic entry must be an object');
    const weight = raw.weight ?? 0;
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > 100) {
      throw bad('ContainerAppInvalidTrafficWeight', `Traffic weight '${JSON.stringify(weight)}' must be an integer between 0 and 100.`);
    }
    const entry: TrafficEntry = { weight };
    if (raw.latestRevision === true) {
      if (raw.revisionName !== undefined)
        throw bad('ContainerAppInvalidTraffic', 'A traffic entry cannot set both revisionName and latestRevision.');
      entry.latestRevision = true;
    } else {
      if (typeof raw.revisionName !== 'string' || raw.revisionName === '')
        throw bad('ContainerAppInvalidTraffic', 'Each traffic entry needs a revisionName or latestRevision: true.');
      const revision = state.revisions.find((r) => r.name === raw.revisionName);
      if (revision === undefined)
        throw bad('ContainerAppRevisionNotFound', `Revision '${raw.revisionName}' was not found in container app '${state.name}'.`);
      if (!revision.active)
        throw bad('ContainerAppRevisionNotActive', `Revision '${raw.revisionName}' is not active; activate it before sending it traffic.`);
      entry.revisionName = raw.revisionName;
    }
    const key = entry.latestRevision === true ? '@latest' : entry.revisionName!;
    if (seen.has(key)) throw bad('ContainerAppDuplicateTrafficEntry', `Traffic names '${key}' more than once.`);
    seen.add(key);
    if (raw.label !== undefined && raw.label !== null) {
      if (typeof raw.label !== 'string' || !/^[a-z][a-z0-9-]{0,63}$/.test(raw.label))
        throw bad('ContainerAppInvalidLabel', `Invalid label '${JSON.stringify(raw.label)}'.`);
      if (labels.has(raw.label)) throw bad('ContainerAppDuplicateLabel', `Label '${raw.label}' is used more than once.`);
      labels.add(raw.label);
      entry.label = raw.label;
    }
    sum += weight;
    entries.push(entry);
  }
  if (entries.length === 0 || sum !== 100) {
    throw bad('ContainerAppInvalidTrafficWeight', `The sum of traffic weights must be 100; it is ${sum}.`);
  }
  return entries;
}

// Applies a validated change to the app.
export function applyChange(state: AppState, change: AppChange): void {
  if (change.tags !== undefined) state.tags = { ...change.tags };
  if (change.traffic !== undefined) state.traffic = change.traffic.map((t) => ({ ...t }));
}
