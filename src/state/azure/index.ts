// Open the Azure Blob state store: a connection string (account key or SAS; Azurite in tests), or the
// container URL with DefaultAzureCredential (az login, a managed identity, GitHub's OIDC login).
import { BlobServiceClient, type StoragePipelineOptions } from '@azure/storage-blob';
import type { StateStore } from '../types.js';
import { blobStateStore } from './blob-store.js';

export interface AzureBlobStateOptions {
  /** Blob service URL, e.g. https://<account>.blob.core.windows.net (unused with a connection string). */
  url?: string;
  container: string;
  prefix: string;
  connectionString?: string;
}

// Storage answers in milliseconds; a state write that cannot land in about a minute is an error the
// rollout reports (it never moves traffic without its journal entry).
const PIPELINE: StoragePipelineOptions = { retryOptions: { maxTries: 4, tryTimeoutInMs: 30_000, retryDelayInMs: 500 } };

export async function openAzureBlobStateStore(o: AzureBlobStateOptions): Promise<StateStore> {
  let service: BlobServiceClient;
  if (o.connectionString) service = BlobServiceClient.fromConnectionString(o.connectionString, PIPELINE);
  else {
    const { DefaultAzureCredential } = await import('@azure/identity');
    service = new BlobServiceClient(o.url!, new DefaultAzureCredential(), PIPELINE);
  }
  return blobStateStore({ container: service.getContainerClient(o.container), prefix: o.prefix });
}
