// The case explorer's script, inlined into report.html. Plain ES2017, no dependency, no build step.
// It reads the cases from the page's JSON block and builds every node with createElement and
// textContent — never innerHTML — so no answer, id or document name is ever parsed as markup.
// Written as a string (not a compiled module) because it runs in the reader's browser, not in Node.
export const CLIENT_JS = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('revgate-data').textContent);
  var cases = data.cases;
  var PAGE = 50;
  var STATUS_RANK = { fail: 2, error: 1, pass: 0 };
  var state = { q: '', status: '', tag: '', sort: 'regression', dir: -1, page: 0, open: {} };
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] === null || attrs[k] === undefined) continue;
      if (k === 'text') node.textContent = String(attrs[k]);
      else if (k === 'class') node.className = attrs[k];
      else node.setAttribute(k, String(attrs[k]));
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }

  function num(x, digits) { return x === null || x === undefined || !isFinite(x) ? 'n/a' : String(+x.toFixed(digits === undefined ? 3 : digits)); }
  function ms(x) { if (x === null || x === undefined || !isFinite(x)) return 'n/a'; return Math.abs(x) < 1000 ? Math.round(x) + 'ms' : +(x / 1000).toFixed(2) + 's'; }
  function median(list) {
    if (!list || list.length === 0) return null;
    var s = list.slice().sort(function (a, b) { return a - b; });
    var h = (s.length - 1) / 2, lo = Math.floor(h);
    return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
  }
  function ratio(a) { return a.n === 0 ? null : a.passes / a.n; }
  function delta(b, g) { return b === null || g === null || b === undefined || g === undefined ? null : g - b; }
  function refL(side) { return side.ref ? side.ref.rougeL : null; }
  function recall(side) { return side.rag ? side.rag.recall : null; }

  // Sort keys: null sorts last whatever the direction.
  var KEYS = {
    id: function (c) { return c.id; },
    status: function (c) { return STATUS_RANK[c.status]; },
    regression: function (c) { return c.regression; },
    ref: function (c) { return delta(refL(c.blue), refL(c.green)); },
    drift: function (c) { return c.pair.drift ? c.pair.drift.rougeL : null; },
    numbers: function (c) { return c.pair.numbers ? c.pair.numbers.changed.length : null; },
    assertions: function (c) { return ratio(c.green.assertions); },
    recall: function (c) { return delta(recall(c.blue), recall(c.green)); },
    latency: function (c) { return median(c.green.latencyMs); }
  };

  var haystacks = null;
  function haystack(i) {
    if (!haystacks) haystacks = cases.map(function (c) {
      return [c.id, c.prompt, c.reference || '', c.tags.join(' ')].concat(c.blue.outputs, c.green.outputs).join('\n').toLowerCase();
    });
    return haystacks[i];
  }

  function visible() {
    var q = state.q.trim().toLowerCase();
    var rows = [];
    for (var i = 0; i < cases.length; i++) {
      var c = cases[i];
      if (state.status === 'critical' ? !c.critical : state.status && c.status !== state.status) continue;
      if (state.tag && c.tags.indexOf(state.tag) < 0) continue;
      if (q && haystack(i).indexOf(q) < 0) continue;
      rows.push(c);
    }
    var key = KEYS[state.sort], dir = state.dir;
    return rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * dir;
    });
  }

  function badge(cls, text) { return el('span', { class: 'badge ' + cls, text: text }); }
  function arrow(b, g, fmt, higherIsBetter) {
    var d = delta(b, g);
    var cls = d === null || d === 0 ? '' : (d > 0) === higherIsBetter ? 'better' : 'worse';
    return el('span', { class: cls }, fmt(b), ' → ', fmt(g));
  }

  var COLS = 10;
  function row(c) {
    var open = !!state.open[c.id];
    var detailId = 'case-detail-' + cases.indexOf(c);
    var pos = c.pair.position;
    var tr = el('tr', { class: 'case ' + c.status, 'data-id': c.id },
      el('td', null, el('button', { class: 'toggle', type: 'button', 'aria-expanded': open, 'aria-controls': detailId, title: 'show blue, green and reference side by side' },
        el('span', { class: 'chev', 'aria-hidden': 'true', text: open ? '▾' : '▸' }), ' ', c.id), c.critical ? [' ', badge('critical', 'critical')] : null),
      el('td', null, badge(c.status, c.status)),
      el('td', { class: 'num', text: num(c.regression) }),
      el('td', { class: 'num' }, arrow(refL(c.blue), refL(c.green), num, true)),
      el('td', { class: 'num' }, num(KEYS.drift(c)), pos ? [' ', badge(pos, pos.replace('-noise', ''))] : null),
      el('td', { class: 'num', text: c.pair.numbers ? String(c.pair.numbers.changed.length) : '–' }),
      el('td', { class: 'num', text: c.green.assertions.n ? c.green.assertions.passes + '/' + c.green.assertions.n : '–' }),
      el('td', { class: 'num' }, arrow(recall(c.blue), recall(c.green), function (x) { return num(x, 2); }, true)),
      el('td', { class: 'num' }, arrow(median(c.blue.latencyMs), median(c.green.latencyMs), ms, false)),
      el('td', { class: 'tags' }, c.tags.map(function (t) { return el('span', { class: 'tag', text: t }); })));
    tr.querySelector('button.toggle').addEventListener('click', function () {
      state.open[c.id] = !state.open[c.id];
      render();
      var again = document.querySelector('tr.case[data-id="' + cssEscape(c.id) + '"] button.toggle');
      if (again) again.focus();
    });
    var out = [tr];
    if (open) out.push(el('tr', { class: 'detail', id: detailId }, el('td', { colspan: COLS }, detail(c))));
    return out;
  }
  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&'); }

  function detail(c) {
    return el('div', { class: 'detail-body' },
      el('div', { class: 'prompt' }, el('strong', { text: c.turns > 1 ? 'Prompt (last of ' + c.turns + ' turns)' : 'Prompt' }), el('p', { text: c.prompt })),
      c.reasons.length ? el('ul', { class: 'reasons' }, c.reasons.map(function (r) { return el('li', { text: r }); })) : null,
      el('div', { class: 'sides' }, sideCard(c, 'blue'), sideCard(c, 'green'), referenceCard(c)),
      diffBlock(c),
      scoresTable(c));
  }

  function answers(list) {
    if (list.length === 0) return el('p', { class: 'muted', text: 'no answer (every attempt failed)' });
    var first = el('div', { class: 'answer', text: list[0] });
    if (list.length === 1) return first;
    return [first, el('details', null, el('summary', { text: (list.length - 1) + ' more repeat' + (list.length > 2 ? 's' : '') }),
      list.slice(1).map(function (o, i) { return el('div', { class: 'answer repeat' }, el('span', { class: 'muted small', text: 'repeat ' + (i + 2) }), el('br'), o); }))];
  }

  function docList(c, name) {
    var side = c[name];
    var expected = c.expectedDocs || [];
    if (side.docs === null) return el('p', { class: 'muted small', text: 'no retrieved documents reported' });
    var items = side.docs.map(function (d, i) {
      var hit = expected.indexOf(d) >= 0;
      return el('li', { class: hit ? 'expected' : '' }, el('span', { class: 'rank', text: (i + 1) + '.' }), ' ', el('code', { text: d }), hit ? el('span', { class: 'mark ok', title: 'expected document', text: ' ✓ expected' }) : null);
    });
    if (name === 'green') c.pair.lostDocs.forEach(function (d) {
      items.push(el('li', { class: 'lost' }, el('span', { class: 'rank', text: '✗' }), ' ', el('code', { text: d }), el('span', { class: 'mark bad', text: ' lost: expected, blue found it' })));
    });
    return el('ol', { class: 'docs', 'aria-label': name + ' retrieved documents' }, items);
  }

  function sideCard(c, name) {
    var s = c[name];
    var facts = [s.attempts + ' attempt' + (s.attempts === 1 ? '' : 's'), s.errors ? s.errors + ' failed' : null, s.refusals ? s.refusals + ' refused' : null].filter(Boolean).join(' · ');
    return el('div', { class: 'card ' + name },
      el('h4', null, el('span', { class: 'rev ' + name, text: name }), ' ', el('span', { class: 'muted small', text: facts })),
      answers(s.outputs),
      el('h5', { text: 'Retrieved documents' }), docList(c, name),
      s.assertions.failures.length ? [el('h5', { text: 'Failed assertions' }), el('ul', { class: 'small' }, s.assertions.failures.map(function (f) { return el('li', { text: f.label + (f.message ? ': ' + f.message : '') }); }))] : null);
  }

  function referenceCard(c) {
    var expected = c.expectedDocs || [];
    return el('div', { class: 'card reference' },
      el('h4', null, el('span', { class: 'rev reference', text: 'reference' })),
      c.reference === null ? el('p', { class: 'muted', text: 'no reference answer' }) : el('div', { class: 'answer', text: c.reference }),
      el('h5', { text: 'Expected documents' }),
      expected.length ? el('ul', { class: 'docs' }, expected.map(function (d) {
        var b = (c.blue.docs || []).indexOf(d) >= 0, g = (c.green.docs || []).indexOf(d) >= 0;
        return el('li', null, el('code', { text: d }), el('span', { class: 'small muted', text: ' blue ' + (b ? '✓' : '✗') + ' · green ' + (g ? '✓' : '✗') }));
      })) : el('p', { class: 'muted small', text: 'none' }));
  }

  function tokens(text) { return text.trim().match(/\S+\s*/g) || []; }
  function diffBlock(c) {
    var title = el('h5', { text: 'Word diff: green vs blue (first answers)' });
    if (!c.diff) return el('div', { class: 'diff' }, title, el('p', { class: 'muted small', text: 'no diff: a revision has no answer' }));
    var a = tokens(c.blue.outputs[0]), b = tokens(c.green.outputs[0]), i = 0, j = 0;
    var body = el('div', { class: 'answer diff-text' });
    c.diff.runs.forEach(function (run) {
      var op = run[0], n = run[1];
      if (op === '=') { body.appendChild(document.createTextNode(b.slice(j, j + n).join(''))); i += n; j += n; }
      else if (op === '-') { body.appendChild(el('del', { title: 'only in blue', text: a.slice(i, i + n).join('') })); i += n; }
      else { body.appendChild(el('ins', { title: 'only in green', text: b.slice(j, j + n).join('') })); j += n; }
    });
    return el('div', { class: 'diff' }, title,
      el('p', { class: 'small muted' }, el('del', { text: 'removed from blue' }), ' ', el('ins', { text: 'added in green' }), c.diff.exact ? '' : ' — texts too long for a full diff: the changed middle is shown whole'),
      body);
  }

  function scoresTable(c) {
    var rows = [];
    function add(label, b, g, note) { rows.push(el('tr', null, el('th', { scope: 'row', text: label }), el('td', { class: 'num', text: b }), el('td', { class: 'num', text: g }), el('td', { class: 'small', text: note || '' }))); }
    var B = c.blue, G = c.green, P = c.pair;
    add('ref ROUGE-L', num(refL(B)), num(refL(G)), 'similarity to the reference');
    add('ref F1', num(B.ref && B.ref.f1), num(G.ref && G.ref.f1));
    if (B.rag || G.rag) add('recall / MRR', num(recall(B), 2) + ' / ' + num(B.rag && B.rag.mrr, 2), num(recall(G), 2) + ' / ' + num(G.rag && G.rag.mrr, 2));
    add('assertions (k of n)', B.assertions.n ? B.assertions.passes + '/' + B.assertions.n : '–', G.assertions.n ? G.assertions.passes + '/' + G.assertions.n : '–', G.assertions.passed === false ? 'green fails its assertions' : '');
    if (B.numbers || G.numbers) add('numbers: consistency (changed / missing / added)', nums(B.numbers), nums(G.numbers), 'against the reference');
    add('latency median (attempts)', ms(median(B.latencyMs)) + ' (' + B.latencyMs.length + ')', ms(median(G.latencyMs)) + ' (' + G.latencyMs.length + ')');
    if (c.semantic) {
      add('semantic similarity to reference', num(c.semantic.ref.blue), num(c.semantic.ref.green));
      add('judge score', num(c.semantic.judge.blue), num(c.semantic.judge.green), c.semantic.pairwise ? 'pairwise judge prefers ' + c.semantic.pairwise : '');
    }
    var pair = [];
    pair.push(['drift ROUGE-L / F1', P.drift ? num(P.drift.rougeL) + ' / ' + num(P.drift.f1) : 'n/a', P.moved ? 'moved beyond the drift tolerance' : '']);
    pair.push(['noise band (blue vs blue)', P.noise ? num(P.noise.rougeL) + ' in [' + num(P.noise.min) + ', ' + num(P.noise.max) + ']' : 'n/a', P.position ? 'green is ' + P.position.replace('-', ' the ') + ' band' : (P.noise ? '' : 'needs ≥ 2 blue answers')]);
    pair.push(['documents Jaccard', num(P.docsJaccard, 2), P.lostDocs.length ? 'lost: ' + P.lostDocs.join(', ') : '']);
    if (P.numbers) pair.push(['numbers changed vs blue', String(P.numbers.changed.length), P.numbers.changed.join('; ')]);
    if (c.semantic && c.semantic.drift !== null) pair.push(['semantic drift', num(c.semantic.drift), '']);
    if (c.semantic && c.semantic.errors.length) pair.push(['measurement errors', String(c.semantic.errors.length), c.semantic.errors.join('; ')]);
    return el('div', { class: 'scores' },
      el('table', { class: 'data compact' }, el('thead', null, el('tr', null, el('th', { scope: 'col', text: 'per revision' }), el('th', { scope: 'col', text: 'blue' }), el('th', { scope: 'col', text: 'green' }), el('th', { scope: 'col', text: '' }))), el('tbody', null, rows)),
      el('table', { class: 'data compact' }, el('thead', null, el('tr', null, el('th', { scope: 'col', text: 'green vs blue' }), el('th', { scope: 'col', text: 'value' }), el('th', { scope: 'col', text: '' }))),
        el('tbody', null, pair.map(function (p) { return el('tr', null, el('th', { scope: 'row', text: p[0] }), el('td', { class: 'num', text: p[1] }), el('td', { class: 'small', text: p[2] })); }))));
  }
  function nums(n) { return n ? num(n.consistency, 2) + ' (' + n.changed + ' / ' + n.missing + ' / ' + n.added + ')' : 'n/a'; }

  function render() {
    var rows = visible();
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    if (state.page >= pages) state.page = pages - 1;
    var slice = rows.slice(state.page * PAGE, state.page * PAGE + PAGE);
    var body = $('case-rows');
    body.textContent = '';
    if (slice.length === 0) body.appendChild(el('tr', null, el('td', { colspan: COLS, class: 'muted', text: 'No case matches these filters.' })));
    slice.forEach(function (c) { row(c).forEach(function (r) { body.appendChild(r); }); });
    $('case-count').textContent = rows.length === cases.length ? cases.length + ' cases' : rows.length + ' of ' + cases.length + ' cases';
    $('page-info').textContent = 'page ' + (state.page + 1) + ' of ' + pages;
    $('prev').disabled = state.page === 0;
    $('next').disabled = state.page >= pages - 1;
    Array.prototype.forEach.call(document.querySelectorAll('th[data-sort]'), function (th) {
      th.setAttribute('aria-sort', th.getAttribute('data-sort') === state.sort ? (state.dir < 0 ? 'descending' : 'ascending') : 'none');
    });
  }

  function init() {
    var tags = {};
    cases.forEach(function (c) { c.tags.forEach(function (t) { tags[t] = (tags[t] || 0) + 1; }); });
    Object.keys(tags).sort().forEach(function (t) { $('f-tag').appendChild(el('option', { value: t, text: t + ' (' + tags[t] + ')' })); });
    var timer = null;
    $('q').addEventListener('input', function (e) { clearTimeout(timer); timer = setTimeout(function () { state.q = e.target.value; state.page = 0; render(); }, 120); });
    $('f-status').addEventListener('change', function (e) { state.status = e.target.value; state.page = 0; render(); });
    $('f-tag').addEventListener('change', function (e) { state.tag = e.target.value; state.page = 0; render(); });
    $('prev').addEventListener('click', function () { state.page--; render(); });
    $('next').addEventListener('click', function () { state.page++; render(); });
    $('expand').addEventListener('click', function () {
      var rows = visible().slice(state.page * PAGE, state.page * PAGE + PAGE);
      var all = rows.every(function (c) { return state.open[c.id]; });
      rows.forEach(function (c) { state.open[c.id] = !all; });
      render();
    });
    Array.prototype.forEach.call(document.querySelectorAll('th[data-sort] button'), function (b) {
      b.addEventListener('click', function () {
        var key = b.parentNode.getAttribute('data-sort');
        if (state.sort === key) state.dir = -state.dir;
        else { state.sort = key; state.dir = key === 'id' ? 1 : -1; }
        state.page = 0;
        render();
      });
    });
    window.addEventListener('hashchange', fromHash);
    var first = visible()[0];
    if (first && (first.status !== 'pass' || first.regression > 0)) state.open[first.id] = true;
    if (!fromHash()) render();
  }

  // #case=<id> opens that case (links from the critical-cases list).
  function fromHash() {
    var m = /^#case=(.*)$/.exec(location.hash);
    if (!m) return false;
    var id;
    try { id = decodeURIComponent(m[1]); } catch (e) { return false; }
    var c = cases.filter(function (x) { return x.id === id; })[0];
    if (!c) return false;
    state.q = ''; state.status = ''; state.tag = ''; $('q').value = ''; $('f-status').value = ''; $('f-tag').value = '';
    state.open[id] = true;
    state.page = Math.floor(visible().indexOf(c) / PAGE);
    render();
    var tr = document.querySelector('tr.case[data-id="' + cssEscape(id) + '"]');
    if (tr) { tr.scrollIntoView({ block: 'start' }); tr.querySelector('button.toggle').focus(); }
    return true;
  }

  init();
})();
`;
