// The targets module: how one revision is called.
export * from './types.js';
export { createTarget } from './factory.js';
export { createHttpJsonTarget, DEFAULT_CONNECTIONS, type TransportOptions } from './http-json.js';
export { createOpenAIChatTarget } from './openai-chat.js';
export { waitReady, type ReadyResult, type WaitReadyOptions } from './readiness.js';
export { DOCS_PRESETS, extractAnswer, extractDocs, extractUsage } from './extract.js';
export { getPath, parsePath, type PathSegment } from './path.js';
export { DEFAULT_BODY, missingPlaceholders, renderBody, TemplateError } from './template.js';
export { caseMessages, caseQuestion, type ChatMessage } from './messages.js';
export { retryAfterMs, safeUrl } from './transport-errors.js';
