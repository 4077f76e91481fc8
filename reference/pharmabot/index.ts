// The pharmabot reference service's public surface, for the demo and end-to-end tests.
export { startPharmabot, type Pharmabot, type PharmabotOptions, type PharmabotStats } from './server.js';
export { FLAW_NAMES, NO_FLAWS, parseFlawArgs, REFUSAL_TEXT, validateFlaws, type Flaws } from './flaws.js';
export { loadCorpus, defaultCorpusPath, type Corpus, type CorpusDoc } from './corpus.js';
