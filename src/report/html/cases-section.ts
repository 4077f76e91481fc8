// The case explorer's static shell: search, filters, the sortable header and the pager. The rows
// are built by the inline script (client.ts) from the embedded JSON, a page of 50 at a time.

import { htmlText } from './escape.js';

const COLUMNS: [key: string | null, label: string, title: string][] = [
  ['id', 'case', 'case id; open a row for blue, green and reference side by side'],
  ['status', 'status', 'green’s status on the case'],
  ['regression', 'regression', 'how much worse green is than blue on this case (higher is worse)'],
  ['ref', 'ref ROUGE-L', 'similarity to the reference, blue → green (sorted by the change)'],
  ['drift', 'drift', 'green vs blue ROUGE-L, and where it falls against blue’s own noise band'],
  ['numbers', 'numbers Δ', 'quantities green changed against blue'],
  ['assertions', 'asserts', 'green’s assertion passes, k of n'],
  ['recall', 'recall', 'retrieval recall, blue → green (sorted by the change)'],
  ['latency', 'latency', 'median latency, blue → green (sorted by green)'],
  [null, 'tags', ''],
];

/** The cases section; `notice` says when the page holds fewer cases than the run. */
export function casesSection(notice: string | null): string {
  const head = COLUMNS.map(([key, label, title]) =>
    key === null
      ? `<th scope="col">${label}</th>`
      : `<th scope="col" data-sort="${key}" aria-sort="none"><button type="button" title="${title}">${label}</button></th>`,
  ).join('');
  return `<section id="cases" aria-labelledby="cases-h">
<h2 id="cases-h">Cases <span class="muted small" id="case-count"></span></h2>
${notice === null ? '' : `<p class="warning" role="note">${htmlText(notice)}</p>`}
<div class="controls" role="search">
<label>Search<input type="search" id="q" placeholder="id, prompt, answers, reference…" autocomplete="off"></label>
<label>Status<select id="f-status"><option value="">all</option><option value="fail">fail</option><option value="error">error</option><option value="pass">pass</option><option value="critical">critical cases</option></select></label>
<label>Tag<select id="f-tag"><option value="">all tags</option></select></label>
<button type="button" id="expand">Expand / collapse page</button>
</div>
<div class="scroll"><table class="data cases"><thead><tr>${head}</tr></thead><tbody id="case-rows"><tr><td colspan="${COLUMNS.length}" class="muted">The case list needs JavaScript; every case is also in report.json.</td></tr></tbody></table></div>
<nav class="pager" aria-label="case pages"><button type="button" id="prev">← previous</button><span id="page-info" aria-live="polite"></span><button type="button" id="next">next →</button></nav>
</section>`;
}
