// Turns a retrieved passage into an answer the way a sampled LLM would: similar, never identical.
import { pick, randomInt, type Rng } from './random.js';

export interface ComposeOptions {
  /** Keep only the first sentence (the `shortAnswers` flaw). @default false */
  short?: boolean;
  /** Hard cap on the answer length, cut at a sentence when possible. @default 700 */
  maxChars?: number;
}

const LEAD_INS = ['Based on NIH guidance, ', 'In short: ', 'According to the available information, ', 'Here is what is known: '];
const CLOSINGS = [
  'Talk to a health care provider about your own situation.',
  'A doctor or pharmacist can tell you more.',
  'Ask your health care team if you have questions.',
];

/** Sentence openers that read lower-case after a lead-in (proper nouns keep their capital). */
const LOWER_STARTS = new Set([
  'The',
  'A',
  'An',
  'Most',
  'Many',
  'Some',
  'People',
  'If',
  'Your',
  'You',
  'This',
  'These',
  'There',
  'It',
  'In',
  'Doctors',
  'Treatment',
]);

/** Light paraphrases: at most one is applied to a sentence. */
const PARAPHRASES: [RegExp, string][] = [
  [/\bhealth care providers?\b/, 'doctor'],
  [/\bhowever\b/i, 'but'],
  [/\busually\b/, 'typically'],
  [/\bpeople\b/, 'individuals'],
  [/\bmay\b/, 'might'],
  [/\bcommon\b/, 'frequent'],
  [/\bimportant\b/, 'essential'],
  [/\bhelp\b/, 'assist'],
  [/\bdoctors?\b/, 'physician'],
  [/\bsuch as\b/, 'like'],
];

// Splits a passage into sentence-like units: list items stay whole, prose splits after . ! ?
export function splitSentences(passage: string): string[] {
  const units: string[] = [];
  for (const line of passage.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('- ')) units.push(trimmed);
    else units.push(...trimmed.split(/(?<=[.!?])\s+(?=[A-Z0-9"(])/));
  }
  return units;
}

function paraphrase(sentence: string, rng: Rng): string {
  const candidates = PARAPHRASES.filter(([pattern]) => pattern.test(sentence));
  if (candidates.length === 0) return sentence;
  const [pattern, replacement] = pick(rng, candidates);
  return sentence.replace(pattern, (found) => (/^[A-Z]/.test(found) ? replacement[0]?.toUpperCase() + replacement.slice(1) : replacement));
}

function join(units: readonly string[]): string {
  let out = '';
  for (const unit of units) {
    if (out === '') out = unit;
    else out += unit.startsWith('- ') || out.endsWith(':') ? `\n${unit}` : ` ${unit}`;
  }
  return out;
}

function cap(units: readonly string[], maxChars: number): string {
  const kept: string[] = [];
  for (const unit of units) {
    if (kept.length > 0 && join([...kept, unit]).length > maxChars) break;
    kept.push(unit);
  }
  const text = join(kept);
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1).trimEnd()}…`;
}

// Composes an answer: the first 2-5 sentences, sometimes a lead-in, a paraphrase, a skipped sentence or a closing line.
export function composeAnswer(passage: string, rng: Rng, options: ComposeOptions = {}): string {
  const maxChars = options.maxChars ?? 700;
  const sentences = splitSentences(passage);
  if (sentences.length === 0) return '';
  if (options.short) return cap(sentences.slice(0, 1), maxChars);

  const units = sentences.slice(0, randomInt(rng, 2, 5));
  if (units.length > 2 && rng() < 0.2) units.splice(randomInt(rng, 1, units.length - 1), 1);
  const varied = units.map((u) => (rng() < 0.4 ? paraphrase(u, rng) : u));
  if (rng() < 0.15) varied.push(pick(rng, CLOSINGS));
  if (rng() < 0.3) {
    const lead = pick(rng, LEAD_INS);
    const first = varied[0] ?? '';
    const word = /^\w+/.exec(first)?.[0] ?? '';
    varied[0] = lead + (!lead.endsWith(': ') && LOWER_STARTS.has(word) ? word.toLowerCase() + first.slice(word.length) : first);
  }
  return cap(varied, maxChars);
}
