// The bot itself: retrieve documents for a conversation, pick a passage, compose an answer, apply content flaws.
import { composeAnswer } from './compose.js';
import { loadCorpus, type Corpus, type CorpusDoc } from './corpus.js';
import { changeNumbers, REFUSAL_TEXT, type Flaws } from './flaws.js';
import { pick, type Rng } from './random.js';
import { createRetriever, type Retriever } from './retrieval.js';

export interface ChatMessage {
  role: string;
  content: string;
}

export interface SourcePassage {
  doc: CorpusDoc;
  /** Index of the passage inside the document. */
  passage: number;
}

export interface BotAnswer {
  text: string;
  /** Cited documents, best first; the first one is the passage the answer was composed from. */
  sources: SourcePassage[];
  refused: boolean;
}

export interface Bot {
  corpus: Corpus;
  retriever: Retriever;
  /** Answers the last user message, using the whole conversation's user text to retrieve. */
  answer(messages: readonly ChatMessage[], flaws: Flaws, rng: Rng): BotAnswer;
}

const CITED_DOCS = 3;
const retrievers = new WeakMap<Corpus, Retriever>();

function unrelatedDocs(corpus: Corpus, related: ReadonlySet<string>, rng: Rng): CorpusDoc[] {
  const pool = corpus.docs.filter((d) => !related.has(d.id));
  const chosen = new Set<CorpusDoc>();
  while (chosen.size < Math.min(CITED_DOCS, pool.length)) chosen.add(pick(rng, pool));
  return [...chosen];
}

// Creates the bot over the corpus at `corpusPath` (default: the repository's medquad-rag corpus).
export function createBot(corpusPath?: string): Bot {
  const corpus = loadCorpus(corpusPath);
  let retriever = retrievers.get(corpus);
  if (!retriever) retrievers.set(corpus, (retriever = createRetriever(corpus)));
  return {
    corpus,
    retriever,
    answer(messages, flaws, rng) {
      const userTurns = messages.filter((m) => m.role === 'user').map((m) => m.content);
      const question = userTurns.at(-1) ?? '';
      if (rng() < flaws.refusalRate) return { text: REFUSAL_TEXT, sources: [], refused: true };

      // The last question counts twice so a follow-up's topic wins over earlier turns.
      const ranked = retriever.rankDocs([...userTurns, question].join('\n'), 5);
      let docs = ranked.map((r) => corpus.byId.get(r.id)).filter((d): d is CorpusDoc => d !== undefined);
      if (rng() < flaws.brokenRetrieval) docs = unrelatedDocs(corpus, new Set(ranked.map((r) => r.id)), rng);
      docs = docs.slice(0, CITED_DOCS);
      const sources = docs.map((doc) => ({ doc, passage: retriever.pickPassage(doc, question) }));

      const top = sources[0];
      if (!top) return { text: "I couldn't find anything about that in my sources.", sources: [], refused: false };
      let text = composeAnswer(top.doc.passages[top.passage] ?? '', rng, { short: flaws.shortAnswers });
      if (flaws.numbersChanged) text = changeNumbers(text, rng);
      return { text, sources, refused: false };
    },
  };
}
