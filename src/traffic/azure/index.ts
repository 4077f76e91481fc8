// The Azure Container Apps traffic router and its credential factory.
export { createAzureContainerAppsRouter, type AzureRouterOptions } from './router.js';
export { resolveAzureCredential, staticTokenCredential, type CredentialSource } from './credential.js';
export { DEFAULT_ARM_ENDPOINT, isLoopbackHost } from './endpoint.js';
export { LOCK_TAG } from './lock.js';
