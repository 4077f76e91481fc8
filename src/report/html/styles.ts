// The page's stylesheet, inlined. Colours are CSS variables with a dark set under
// prefers-color-scheme, shared by the tables and the SVG charts (which use the same classes).
export const STYLES = `
:root{--bg:#fbfbfc;--fg:#1d2330;--muted:#5d6675;--line:#dde1e7;--panel:#fff;--code:#f1f3f6;
--blue:#2f6fdb;--green:#1f9d6b;--ref:#8a5cc2;--pass:#1a7f4b;--fail:#c62f2f;--error:#b8590b;--inconclusive:#7a6a0a;
--pass-bg:#e5f5ec;--fail-bg:#fdeaea;--error-bg:#fdf0e3;--inconclusive-bg:#fbf5d9;--ins:#d5f5df;--del:#fbdada;--focus:#f0a500}
@media (prefers-color-scheme:dark){:root{--bg:#12151b;--fg:#e3e7ee;--muted:#9aa3b2;--line:#2c323d;--panel:#1a1e26;--code:#232833;
--blue:#6ea2ff;--green:#3fcf95;--ref:#b58cf0;--pass:#4fd08a;--fail:#ff7b7b;--error:#ffab5c;--inconclusive:#e3cf55;
--pass-bg:#143323;--fail-bg:#3d1b1b;--error-bg:#3a2714;--inconclusive-bg:#36310f;--ins:#17432a;--del:#4a1f22;--focus:#ffc94d}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1320px;margin:0 auto;padding:20px 24px 60px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px}h4{margin:0 0 8px;font-size:14px}h5{margin:12px 0 4px;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
a{color:var(--blue)}code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code);padding:1px 4px;border-radius:4px}
.muted{color:var(--muted)}.small{font-size:12px}.note{color:var(--muted);font-size:12px;margin:6px 0}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--panel);padding:6px;z-index:2}
nav.toc{display:flex;gap:14px;flex-wrap:wrap;font-size:13px;margin:10px 0 0}
.facts{display:flex;flex-wrap:wrap;gap:4px 18px;margin:8px 0 0;font-size:12px}.facts div{display:flex;gap:6px}.facts dt{color:var(--muted)}.facts dd{margin:0;word-break:break-all}
.verdict{border-radius:10px;padding:14px 18px;margin-top:18px;border:1px solid var(--line);border-left:8px solid var(--muted);background:var(--panel)}
.verdict h2{margin:0 0 6px;display:flex;align-items:center;gap:14px;flex-wrap:wrap}.verdict-word{font-size:28px;letter-spacing:.04em}
.verdict.pass{border-left-color:var(--pass);background:var(--pass-bg)}.verdict.fail{border-left-color:var(--fail);background:var(--fail-bg)}
.verdict.error{border-left-color:var(--error);background:var(--error-bg)}.verdict.inconclusive{border-left-color:var(--inconclusive);background:var(--inconclusive-bg)}
.verdict.pass .verdict-word{color:var(--pass)}.verdict.fail .verdict-word{color:var(--fail)}.verdict.error .verdict-word{color:var(--error)}.verdict.inconclusive .verdict-word{color:var(--inconclusive)}
.counts{font-size:13px;font-weight:normal}.reasons{margin:6px 0;padding-left:20px}.warning{font-weight:600;color:var(--error);margin:6px 0 0}
.badge{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;line-height:18px;border:1px solid currentColor;white-space:nowrap}
.badge.pass,.badge.outcome-no-change,.badge.outcome-improvement{color:var(--pass)}.badge.fail,.badge.outcome-regression{color:var(--fail)}
.badge.error{color:var(--error)}.badge.inconclusive,.badge.outcome-insufficient-data{color:var(--inconclusive)}
.badge.advisory,.badge.within-noise{color:var(--muted)}.badge.critical{color:var(--ref)}.badge.below-noise{color:var(--fail)}.badge.above-noise{color:var(--pass)}
.scroll{overflow-x:auto}
table.data{border-collapse:collapse;width:100%;background:var(--panel);border:1px solid var(--line);border-radius:8px}
table.data th,table.data td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
table.data thead th{font-size:12px;color:var(--muted);font-weight:600;background:var(--panel);position:sticky;top:0}
table.data td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}table.compact{width:auto}
td.reason{max-width:520px}tr.fail td:first-child,tr.case.fail td:first-child{box-shadow:inset 3px 0 var(--fail)}tr.error td:first-child{box-shadow:inset 3px 0 var(--error)}
.better{color:var(--pass)}.worse{color:var(--fail)}
.rev{font-weight:700}.rev.blue{color:var(--blue)}.rev.green{color:var(--green)}.rev.reference{color:var(--ref)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:16px}
figure{margin:0;background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 12px}figure.wide{grid-column:1/-1}
figcaption{font-weight:600;margin-bottom:6px}.tag-charts{display:flex;flex-wrap:wrap;gap:8px 18px}
svg.chart{max-width:100%;height:auto;font-size:11px}svg.chart text{fill:var(--fg)}svg.chart .tick,svg.chart .muted{fill:var(--muted)}svg.chart .strong{font-weight:600}
svg.chart .grid{stroke:var(--line)}svg.chart .axis{stroke:var(--muted)}svg.chart .frame{fill:none;stroke:var(--line)}
.s-blue{fill:var(--blue);stroke:var(--blue)}.s-green{fill:var(--green);stroke:var(--green)}
svg.chart rect.bar{stroke:none}svg.chart .series rect.bar{fill-opacity:.5}svg.chart .marker{stroke-width:1.5;stroke-dasharray:4 3;fill:none}
svg.chart .link{stroke-width:3;stroke:var(--muted)}svg.chart .link.worse{stroke:var(--fail)}svg.chart .link.better{stroke:var(--pass)}svg.chart .dot{stroke:var(--panel);stroke-width:1.5}
.dot-key{display:inline-block;width:10px;height:10px;border-radius:50%;background:var(--blue)}.dot-key.s-green{background:var(--green)}
.controls{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:end;margin-bottom:10px}
.controls label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:2px}
input,select,button{font:inherit;color:var(--fg);background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:5px 8px}
input[type=search]{min-width:280px}button{cursor:pointer}button:disabled{opacity:.45;cursor:default}
th[data-sort] button{border:0;background:none;padding:0;font-weight:600;color:var(--muted);font-size:12px}
th[aria-sort=descending] button::after{content:" ▼"}th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button,th[aria-sort=ascending] button{color:var(--fg)}
button.toggle{border:0;background:none;padding:0;font-weight:600;text-align:left;color:var(--fg)}.chev{display:inline-block;width:1em;color:var(--muted)}
.tag{display:inline-block;white-space:nowrap;font-size:11px;background:var(--code);border-radius:4px;padding:0 5px;margin:0 3px 2px 0}
tr.detail>td{background:var(--bg);padding:12px}
.detail-body .prompt p{margin:2px 0 8px}
.sides{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px}
@media (max-width:900px){.sides{grid-template-columns:1fr}input[type=search]{min-width:0}}
.card{background:var(--panel);border:1px solid var(--line);border-top:4px solid var(--muted);border-radius:8px;padding:10px}
.card.blue{border-top-color:var(--blue)}.card.green{border-top-color:var(--green)}.card.reference{border-top-color:var(--ref)}
.answer{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--code);border-radius:6px;padding:8px;max-height:320px;overflow:auto}.answer.repeat{margin-top:6px}
.diff{margin-top:12px}.diff-text{max-height:none}
ins{background:var(--ins);text-decoration:none;border-radius:3px}del{background:var(--del);text-decoration:line-through;border-radius:3px}
ol.docs,ul.docs{margin:0;padding-left:0;list-style:none;font-size:12px}ol.docs li{margin:2px 0}.rank{color:var(--muted);display:inline-block;min-width:1.4em}
li.expected code{outline:1px solid var(--pass)}.mark.ok{color:var(--pass)}.mark.bad{color:var(--fail);font-weight:600}li.lost code{text-decoration:line-through;outline:1px solid var(--fail)}
.scores{display:flex;flex-wrap:wrap;gap:12px;margin-top:12px;align-items:flex-start}
.pager{display:flex;gap:12px;align-items:center;margin-top:10px}
ul.plain{list-style:none;padding:0}ul.plain li{margin:3px 0}
footer{margin-top:40px;color:var(--muted);font-size:12px}
`;
