// Write recorded answers into a copy of a golden set: every case field kept (YAML comments and
// styles too, for YAML sources), `reference` replaced, `expected_docs` too on request.
import { isMap, isScalar, isSeq, parse, parseDocument, Document, Scalar, type YAMLMap } from 'yaml';

/** What to write into one case. */
export interface Recording {
  answer: string;
  docs: string[] | null;
}

export interface RewriteOptions {
  /** Source format: YAML (edited in place, comments kept) or JSONL (rebuilt as YAML). */
  format: 'yaml' | 'jsonl';
  /** Recordings by case id; cases without one keep their old reference. */
  recordings: ReadonlyMap<string, Recording>;
  /** Also set expected_docs from the retrieved documents (when the attempt reported some). */
  updateDocs: boolean;
  /** Comment lines written at the top of the file. */
  header: string[];
}

/** The new golden file's text: the source with recorded references. Pure. */
export function rewriteGolden(source: string, options: RewriteOptions): string {
  const doc = options.format === 'jsonl' ? jsonlDocument(source) : parseDocument(source);
  const contents = doc.contents;
  const seq = isSeq(contents) ? contents : isMap(contents) ? contents.get('cases', true) : undefined;
  if (!isSeq(seq)) throw new Error('golden file has no case list'); // loadSuite validated it: not reachable
  const written: Scalar[] = [];
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    const id = item.get('id');
    const recording = options.recordings.get(String(id));
    if (recording === undefined) continue;
    written.push(setText(doc, item, 'reference', recording.answer));
    if (options.updateDocs && recording.docs !== null) {
      const node = doc.createNode(recording.docs);
      node.flow = true;
      item.set('expected_docs', node);
    }
  }
  const previous = doc.commentBefore;
  doc.commentBefore = [...options.header.map((l) => ` ${l}`), ...(previous ? [previous] : [])].join('\n');
  const text = doc.toString({ lineWidth: 100, flowCollectionPadding: false });
  if (readsBack(text, options.recordings)) return text;
  // A kept block style that cannot carry an answer exactly (trailing spaces, odd line breaks):
  // double quotes can carry any string.
  for (const node of written) node.type = Scalar.QUOTE_DOUBLE;
  return doc.toString({ lineWidth: 100, flowCollectionPadding: false });
}

/**
 * Set a text field: a block style (`>-`, `|`) of the old value is kept, any other style is left to
 * the writer, which quotes when needed. (A plain style kept as is would let an answer holding
 * ": " or "#" on a folded line turn into YAML syntax.)
 */
function setText(doc: Document, item: YAMLMap, key: string, value: string): Scalar {
  const old = item.get(key, true);
  const node = doc.createNode(value) as Scalar;
  if (isScalar(old)) {
    if (old.type === Scalar.BLOCK_FOLDED || old.type === Scalar.BLOCK_LITERAL) node.type = old.type;
    node.comment = old.comment;
    node.commentBefore = old.commentBefore;
  }
  item.set(key, node);
  return node;
}

/** Every recorded case's reference parses back from `text` exactly as recorded. */
function readsBack(text: string, recordings: ReadonlyMap<string, Recording>): boolean {
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return false;
  }
  const list = Array.isArray(data) ? data : (data as { cases?: unknown } | null)?.cases;
  if (!Array.isArray(list)) return false;
  const seen = list.filter((c): c is { id: unknown; reference?: unknown } => c !== null && typeof c === 'object' && 'id' in c);
  return seen.every((c) => {
    const r = recordings.get(String(c.id));
    return r === undefined || c.reference === r.answer;
  });
}

/** A JSONL golden set as a YAML document `{cases: [...]}`, keys in the order written. */
function jsonlDocument(source: string): Document {
  const cases = source
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
  return new Document({ cases });
}
