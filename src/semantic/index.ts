// Semantic drift measures: embeddings similarity and LLM-as-judge, with their on-disk cache.
export { createEmbedder, DEFAULT_BATCH_SIZE } from './embeddings.js';
export type { Embedder } from './embeddings.js';
export { cosine } from './vector.js';
export { createJudge, DEFAULT_JUDGE_SEED, DEFAULT_JUDGE_TEMPERATURE } from './judge.js';
export type { Judge, JudgeInfo, PairwiseInput, RubricInput, RubricResult } from './judge.js';
export { combineVotes } from './pairwise.js';
export type { PairwiseResult, Vote, Winner } from './pairwise.js';
export { DEFAULT_RUBRIC, JUDGE_PROMPT_VERSION, pairwiseMessages, rubricMessages } from './prompts.js';
export { firstJsonObject, parsePairwiseReply, parseRubricReply } from './reply.js';
export { cacheKey, DEFAULT_CACHE_DIR, openCache } from './cache.js';
export type { CacheKind, CacheStats, SemanticCache } from './cache.js';
export { SemanticError } from './errors.js';
export type { SemanticErrorClass, SemanticErrorCode } from './errors.js';
export type { CallOptions, EmbedderOptions, EndpointOptions, JudgeOptions } from './options.js';
