// One line that says which cases a run (or a diff) kept, shared by the console, Markdown, HTML and
// JUnit renderings and by the diff: "selected 12 of 120 cases (filter ^dosage-, tags: pediatric,
// limit 12, seed 1)". Plain text; each renderer escapes it.
import type { Selection } from '../model/report.js';

export function selectionText(s: Selection): string {
  const criteria = [
    ...(s.filter === undefined ? [] : [`filter ${s.filter}`]),
    ...(s.tags === undefined || s.tags.length === 0 ? [] : [`tags: ${s.tags.join(', ')}`]),
    ...(s.limit === undefined ? [] : [`limit ${s.limit}`]),
    ...(s.seed === undefined ? [] : [`seed ${s.seed}`]),
  ];
  return `selected ${s.selected} of ${s.of} case${s.of === 1 ? '' : 's'}${criteria.length === 0 ? '' : ` (${criteria.join(', ')})`}`;
}
