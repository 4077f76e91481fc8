// The `azure-blob` state store: the rollout's durable state in an Azure Storage container next to the
// app, so a rollout paused in one CI job resumes in another (Argo Rollouts keeps its state in the
// cluster for the same reason). Layout under the configured prefix:
//   rollouts/<app>.json          the app's pointer (block blob; replaced with an ETag condition)
//   runs/<run>/journal.jsonl     the run's journal (append blob; every append conditional on the
//                                append position, so two writers can never interleave events)
//   runs/<run>/approvals.jsonl   approvals (append blob; any number of approvers may append)
// The rollout lock stays where it is, on the app itself (the traffic backend's tag, written through
// the serialized writer): it guards the resource being changed, whichever state store a second
// revgate is configured with. The blob conditions are the store's own guard against a writer that
// ignored the lock.
import { RestError, type AppendBlobClient, type ContainerClient } from '@azure/storage-blob';
import { RolloutStateError } from '../../model/errors.js';
import { pointerName, type AppendLog, type StateStore } from '../types.js';

export interface BlobStoreOptions {
  container: ContainerClient;
  /** Blob name prefix, '' or ending in '/'. */
  prefix: string;
}

const MAX_TRIES_HINT = 'check the container URL, the credentials (`az login`, or rollout.state.connectionString) and the network';

/** A store over an existing (or creatable) container. */
export function blobStateStore(o: BlobStoreOptions): StateStore {
  const { container, prefix } = o;
  const base = new URL(container.url);
  base.search = ''; // a SAS token never appears in messages
  const where = `${base.toString().replace(/\/+$/, '')}/${prefix}`;
  const fail = (what: string, e: unknown): never => {
    if (e instanceof RolloutStateError) throw e;
    const status = e instanceof RestError ? ` (HTTP ${e.statusCode ?? '?'}${e.code ? ` ${e.code}` : ''})` : '';
    throw new RolloutStateError(`state store ${where}: ${what} failed${status}: ${firstLine(e)}`, MAX_TRIES_HINT);
  };
  // The container is created on the first write, never by a read (`revgate status` changes nothing).
  let created: Promise<void> | undefined;
  const ensureContainer = () =>
    (created ??= container.createIfNotExists().then(
      () => undefined,
      (e: unknown) => {
        created = undefined;
        // Creating needs more rights than using: an existing container is enough.
        if (!(e instanceof RestError && e.statusCode === 403)) fail('creating the container', e);
      },
    ));
  const pointerBlob = (app: string) => container.getBlockBlobClient(`${prefix}rollouts/${pointerName(app)}`);
  const readText = async (name: string): Promise<{ text: string; etag: string } | null> => {
    try {
      const r = await container.getBlobClient(name).download();
      return { text: await streamText(r.readableStreamBody), etag: r.etag ?? '' };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return null;
      return fail(`reading ${name}`, e);
    }
  };
  return {
    kind: 'azure-blob',
    where,
    journalOf: (runId) => `${prefix}runs/${runId}/journal.jsonl`,
    sibling: (location, name) => `${location.slice(0, location.lastIndexOf('/') + 1)}${name}`,
    show: (location) => `${base.toString().replace(/\/+$/, '')}/${location}`,
    async openAppend(name, options) {
      const blob = container.getAppendBlobClient(name);
      let position: number | undefined;
      try {
        await ensureContainer();
        await blob.createIfNotExists();
        if (options?.exclusive) position = (await blob.getProperties()).contentLength ?? 0;
      } catch (e) {
        fail(`opening ${name}`, e);
      }
      const log: AppendLog = {
        async append(line) {
          const body = Buffer.from(line, 'utf8');
          try {
            await blob.appendBlock(body, body.length, position === undefined ? {} : { conditions: { appendPosition: position } });
          } catch (e) {
            if (!(position !== undefined && e instanceof RestError && e.statusCode === 412)) fail(`appending to ${name}`, e);
            // 412: the append position moved. Our own append may have landed before a retry of it
            // (the SDK retries a request whose answer was lost): then the blob ends with our line.
            if (!(await endsWith(blob, position!, body)))
              throw new RolloutStateError(
                `${where}${name.slice(prefix.length)} was appended to by another process`,
                'only one revgate may run a rollout at a time; `revgate status <suite>` shows the run',
              );
          }
          if (position !== undefined) position += body.length;
        },
        close: async () => undefined,
      };
      return log;
    },
    async read(name) {
      return (await readText(name))?.text ?? null;
    },
    async readPointer(app) {
      const r = await readText(pointerBlob(app).name);
      return r === null ? null : { text: r.text, version: r.etag };
    },
    async writePointer(app, text, options) {
      const blob = pointerBlob(app);
      const v = options?.ifVersion;
      const conditions = v === undefined ? {} : v === null ? { ifNoneMatch: '*' } : { ifMatch: v };
      try {
        await ensureContainer();
        await blob.upload(text, Buffer.byteLength(text), { conditions, blobHTTPHeaders: { blobContentType: 'application/json' } });
      } catch (e) {
        if (e instanceof RestError && (e.statusCode === 412 || e.statusCode === 409))
          throw new RolloutStateError(
            `the state pointer of ${app} was changed by another rollout`,
            'check it with `revgate status <suite>`',
          );
        fail(`writing the pointer of ${app}`, e);
      }
    },
    async listPointers() {
      const out: string[] = [];
      try {
        for await (const b of container.listBlobsFlat({ prefix: `${prefix}rollouts/` })) {
          if (!b.name.endsWith('.json')) continue;
          const r = await readText(b.name);
          if (r !== null) out.push(r.text);
        }
      } catch (e) {
        if (e instanceof RestError && e.statusCode === 404) return []; // no container yet: no rollout yet
        fail('listing the pointers', e);
      }
      return out;
    },
  };
}

/** True when the blob holds exactly `body` at `position` and nothing after it. */
async function endsWith(blob: AppendBlobClient, position: number, body: Buffer): Promise<boolean> {
  const size = (await blob.getProperties()).contentLength ?? 0;
  if (size !== position + body.length) return false;
  const tail = await blob.downloadToBuffer(position, body.length);
  return tail.equals(body);
}

async function streamText(s: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!s) return '';
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString('utf8');
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
