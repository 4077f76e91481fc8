// Synthetic golden sets for benchmarks: N short, realistic pharmacy-assistant cases (question,
// reference answer, expected_docs, tags), deterministic for a given N, streamed to a JSONL file.
// Also the chat request body revgate's openai-chat target builds for a case, for the plain client.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const CONDITIONS = [
  'influenza',
  'migraine',
  'type 2 diabetes',
  'asthma',
  'high blood pressure',
  'acid reflux',
  'eczema',
  'shingles',
  'gout',
  'urinary tract infection',
  'seasonal allergies',
  'iron deficiency anaemia',
];
const ASKS = [
  [
    'treatment',
    'What are the treatments for {c}?',
    'Treatment of {c} usually combines medicines and lifestyle changes; a doctor or pharmacist chooses the dose and checks for interactions.',
  ],
  [
    'symptoms',
    'What are the symptoms of {c}?',
    'Common symptoms of {c} vary from person to person; see a doctor if they are severe, new or last more than a week.',
  ],
  [
    'prevention',
    'How can {c} be prevented?',
    'The risk of {c} can be lowered by regular check-ups, a healthy diet, exercise and avoiding known triggers.',
  ],
  [
    'medication',
    'Can I take ibuprofen with {c}?',
    'Ibuprofen is usually safe for short periods, but people with {c} should ask a pharmacist first because of possible side effects.',
  ],
] as const;

export interface BenchCase {
  id: string;
  question: string;
  reference: string;
  expected_docs: string[];
  tags: string[];
}

/** The i-th synthetic case (0-based). */
export function benchCase(i: number): BenchCase {
  const c = CONDITIONS[i % CONDITIONS.length]!;
  const [tag, q, ref] = ASKS[Math.floor(i / CONDITIONS.length) % ASKS.length]!;
  const doc = `doc-${String(i % 500).padStart(4, '0')}`;
  return {
    id: `bench-${i}`,
    question: `${q.replace('{c}', c)} (case ${i})`,
    reference: ref.replace('{c}', c),
    expected_docs: [doc, 'doc-0001'],
    tags: [tag, i % 10 === 0 ? 'audit' : 'routine'],
  };
}

/** Write N cases to `file` as JSONL, honouring the stream's backpressure. */
export async function writeGolden(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < n; i++) if (!out.write(`${JSON.stringify(benchCase(i))}\n`)) await once(out, 'drain');
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
}

/** The body revgate's openai-chat target sends for a case (model + one user turn + temperature + stream:false). */
export function chatBody(c: Pick<BenchCase, 'question'>): Record<string, unknown> {
  return { model: 'bench-model', messages: [{ role: 'user', content: c.question }], temperature: 0, stream: false };
}
