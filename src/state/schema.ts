// zod schema of `rollout.state`: where the rollout keeps the state a `--resume` needs.
import { z } from 'zod';

const LocalStateSchema = z
  .object({ backend: z.literal('local').describe('Files on this machine: pointers under rollout.stateDir, journals in run directories') })
  .strict()
  .describe('The default: state on the machine that runs revgate');

const AzureBlobStateSchema = z
  .object({
    backend: z.literal('azure-blob').describe('An Azure Storage container: a rollout paused in one CI job resumes in another'),
    url: z
      .string()
      .optional()
      .describe('Blob service URL, e.g. https://<account>.blob.core.windows.net; may use ${ENV_VAR}. Required unless connectionString'),
    container: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/, 'a container name is 3-63 lowercase letters, digits and single hyphens')
      .describe('Container name (created when missing and allowed), e.g. "revgate-state"'),
    prefix: z
      .string()
      .regex(/^(?:[A-Za-z0-9._-]+\/)*$/, 'a prefix is empty or folder names each ending in "/", e.g. "pharmabot/"')
      .default('')
      .describe('Blob name prefix, e.g. "pharmabot/". Default: none'),
    connectionString: z
      .string()
      .optional()
      .describe(
        'A ${ENV_VAR} reference to a storage connection string (account key or SAS; Azurite); never a literal. Without it: DefaultAzureCredential (az login, managed identity, azure/login in GitHub)',
      ),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.url === undefined && s.connectionString === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'azure-blob needs url (with DefaultAzureCredential) or connectionString',
        params: { hint: 'e.g. url: https://<account>.blob.core.windows.net' },
      });
    if (s.connectionString !== undefined && !/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(s.connectionString))
      ctx.addIssue({
        code: 'custom',
        path: ['connectionString'],
        message: 'connectionString holds a secret: only a ${ENV_VAR} reference is allowed',
        params: { hint: 'e.g. connectionString: ${AZURE_STORAGE_CONNECTION_STRING}' },
      });
  })
  .describe('State in an Azure Storage container next to the app');

export const StateSchema = z
  .discriminatedUnion('backend', [LocalStateSchema, AzureBlobStateSchema])
  .default({ backend: 'local' })
  .describe('Where the rollout state lives (pointer, journal, approvals). Default: local');

export type StateConfig = z.output<typeof StateSchema>;
