// The text of the starter suite and golden set `revgate init` writes. Plain templates rather than a
// YAML serializer: the point of these files is their comments, which tell a new user what each
// line does and what to run next.
import type { ProbeResult } from '../targets/probe.js';

export interface StarterSpec {
  name: string;
  /** What the probe found, or undefined without --url (placeholders). */
  probe: ProbeResult | undefined;
  /** The suite, golden file and schemas, as the user will type them (relative to their directory). */
  suitePath: string;
  goldenPath: string;
  recordedPath: string;
  /** Relative to the suite's / golden file's directory, for `# yaml-language-server: $schema=`. */
  suiteSchema: string;
  goldenSchema: string;
  /** The suite's `golden:` entry, relative to the suite file. */
  goldenRef: string;
}

const PLACEHOLDER_URL = 'http://127.0.0.1:8081/v1';
const PLACEHOLDER_GREEN = 'http://127.0.0.1:8082/v1';

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const q = (s: string) => JSON.stringify(s);

export function suiteYaml(s: StarterSpec): string {
  const p = s.probe;
  const kind = p?.kind ?? 'openai-chat';
  const url = p?.url ?? PLACEHOLDER_URL;
  const header = p
    ? `# Written by \`revgate init --url ${p.url}\`: it answered as ${kind}${p.docs ? ` with ${p.docs} documents` : ''}.
# blue and green both point at it: pass the other revision with --blue / --green (or edit them).`
    : `# Written by \`revgate init\` with placeholder URLs: point blue (the serving revision) and green
# (the new one) at your service, or pass them with --blue / --green.`;
  return `# yaml-language-server: $schema=${s.suiteSchema}
${header}
#
# Next steps:
#   1. revgate validate ${s.suitePath}
#   2. revgate record ${s.suitePath} --revision blue
#      replays blue and writes its answers as the references to ${s.recordedPath}:
#      review it, then make it your golden set (the example references are not your service's).
#   3. revgate calibrate ${s.suitePath}
#      runs blue against itself and proposes the margins this suite can decide: paste them below.
#   4. revgate compare ${s.suitePath} --blue <serving url> --green <new url>
name: ${s.name}
description: ${q(`Release gate for ${s.name} (starter suite from revgate init)`)}
golden: ${s.goldenRef}

target:
${targetYaml(p, kind)}
blue:
  url: ${q(url)}
green:
  url: ${q(p ? url : PLACEHOLDER_GREEN)}

sampling:
  concurrency: 4
  repeats: 3          # ≥ 2: repeats measure each case's own variation (drift.noise needs it)
  timeout: 30s
  retries: 2

scoring:
  minCases: 5         # fewer scored cases make every check inconclusive: add cases to the golden set

thresholds:
  # The recommended starting set (docs/configuration.md, "Thresholds"); \`revgate calibrate\` replaces the margins
  # with ones this suite can decide.
  - check: numbers.changed_share <= 0      # a changed dosage, amount or duration is never noise
    name: no quantity changed
  - { test: error_rate, minEffect: 1% }    # first-try 5xx / timeouts / resets, even when a retry hid them
  - first_try_error_rate <= 2%             # what a client without retries sees
  - latency.p95 <= 800ms                   # your latency SLO, whatever blue does
  - { test: latency.p95, maxRatio: 1.2 }   # and no p95 slowdown beyond 20%
  - { test: refusal_rate, minEffect: 2% }
${p?.docs ? '  - { test: rag.recall, minEffect: 0.02 }  # retrieval (expected_docs in the golden set)\n' : ''}  - { test: ref.rougeL, minEffect: 0.03 }  # closeness to the references
  - { test: drift.noise, minEffect: 0.05 } # drift from blue beyond blue's own variation (repeats ≥ 2)
`;
}

function targetYaml(p: ProbeResult | undefined, kind: string): string {
  const lines = [`  kind: ${kind}`];
  if (kind === 'openai-chat') {
    lines.push(
      p?.model ? `  model: ${q(p.model)}` : `  model: my-model        # the model (or Azure deployment) name your service expects`,
      '  # Secrets only as environment references, never literal keys, e.g.:',
      '  # apiKey: "${OPENAI_API_KEY}"',
      '  # headers: { api-key: "${MY_API_KEY}" }',
    );
  } else {
    lines.push(
      '  body:',
      '    question: "{{question}}"',
      '    # messages: "{{messages}}"   # uncomment if your API takes the conversation (multi-turn cases)',
      `  answer: ${q(p?.answer ?? 'answer')}         # where the answer text is in the response`,
      '  # headers: { authorization: "Bearer ${MY_API_TOKEN}" }   # secrets only as ${ENV} references',
    );
  }
  if (p?.docs) lines.push(`  docs: { preset: ${p.docs} }   # retrieved document ids, for rag.* metrics`);
  lines.push('  readyPath: none        # or your readiness endpoint, e.g. /health/ready: revgate waits for a 200 first');
  if (p?.unconfirmed) lines.push(`  # revgate init could not confirm this shape (${p.unconfirmed}): check it`);
  return `${lines.join('\n')}\n`;
}

export function goldenYaml(s: StarterSpec): string {
  const docs = s.probe?.docs
    ? `    expected_docs: [replace-with-a-document-id]   # ids your retriever should return (\`revgate record --update-docs\` proposes them)\n`
    : '';
  return `# yaml-language-server: $schema=${s.goldenSchema}
# Example cases for ${s.name}, written by \`revgate init\`: one of each kind. Replace them with
# questions your users ask; \`revgate record ${s.suitePath} --revision blue\` fills the references
# from your own blue revision (into ${s.recordedPath}, for review).
description: ${q(`Golden cases for ${s.name}`)}
cases:
  # A question with a reference answer: scored by closeness to it (ref.rougeL) and drift from blue.
  - id: example-reference
    question: What can you help me with?
    reference: >-
      I can answer questions about our products and services, explain how they work and point you
      to the right documentation.
${docs}    tags: [example]

  # A question with assertions: checks every answer must pass, whatever its wording.
  - id: example-assertions
    question: In one sentence, what is the capital of France?
    reference: The capital of France is Paris.
    tags: [example, assertions]
    assert:
      - { type: contains, value: Paris, ignoreCase: true }
      - { type: max-length, value: 60, unit: words }
      - { type: not-refusal }

  # A multi-turn case: the conversation so far, ending with the user's question.
  - id: example-multi-turn
    messages:
      - { role: user, content: "I would like to plan a trip to Italy." }
      - { role: assistant, content: "Happy to help. Which cities are you thinking of visiting?" }
      - { role: user, content: "Rome and Florence. Which one should I visit first?" }
    reference: >-
      Either order works; many travellers start in Rome and then take the fast train to Florence,
      which takes about an hour and a half.
    tags: [example, multi-turn]
`;
}
