// The browsable report: one self-contained HTML file (no network), the
// findings grouped by directory and file, filterable by kind, category and
// path, sortable by position or size, each with its source excerpt, whether
// and why it can be removed, and who refers to it or why it is alive.
//
// The page is rendered by a small script from the report's data, embedded
// as JSON; filters can also be set from the URL (#kind=class&path=lib/), so
// a link shows a filtered view.
#include "reports/Writers.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace deadwood {
namespace {

using nlohmann::ordered_json;

/// The lines of a definition (and one before, for its comment), numbered.
ordered_json excerpt(const std::string *Text, uint32_t Line, uint32_t Lines) {
  ordered_json Out = ordered_json::array();
  if (!Text) return Out;
  uint32_t First = Line > 1 ? Line - 1 : 1, Last = Line + std::min<uint32_t>(std::max<uint32_t>(Lines, 1), 14) - 1;
  std::istringstream In(*Text);
  std::string L;
  for (uint32_t N = 1; std::getline(In, L) && N <= Last; ++N)
    if (N >= First) Out.push_back({N, L});
  return Out;
}

ordered_json explanation(const Program &P, Explainer &E, const Finding &F, const std::string &Root) {
  SymbolId S = P.find(F.Usr);
  ordered_json Out = ordered_json::array();
  if (S == kNoSymbol) return Out;
  Why W = E.explain(S);
  auto Where = [&](SymbolId X) {
    const Symbol &Sym = P.Symbols[X];
    if (Sym.Definition.File < 0) return std::string();
    return relativeToRoot(P.fileOf(Sym.Definition), Root) + ":" + std::to_string(Sym.Definition.Line);
  };
  for (SymbolId From : W.Referrers) Out.push_back({{"name", P.Symbols[From].Name}, {"at", Where(From)}});
  for (const WhyHop &H : W.Path)
    Out.push_back({{"name", P.Symbols[H.Sym].Name},
                   {"at", H.How.How == Step::Edge && H.How.File >= 0
                              ? relativeToRoot(P.Files[H.How.File], Root) + ":" + std::to_string(H.How.Line)
                              : Where(H.Sym)},
                   {"how", H.How.How == Step::Root ? "root" : H.How.How == Step::Edge ? edgeKindName(H.How.Kind) : "via"}});
  return Out;
}

/// The unreachable project code a dead symbol refers to: the other side of
/// its dead cluster (who refers to it is `related`).
ordered_json deadUses(const Program &P, const Reachability &R, const Finding &F, const std::string &Root) {
  ordered_json Out = ordered_json::array();
  SymbolId S = P.find(F.Usr);
  if (S == kNoSymbol || F.Category != Category::Dead) return Out;
  std::vector<SymbolId> Seen;
  for (uint32_t I = P.EdgeBegin[S]; I < P.EdgeBegin[S + 1] && Seen.size() < 12; ++I) {
    SymbolId To = P.Edges[I].To;
    const Symbol &T = P.Symbols[To];
    if (To == S || R.reached(To) || T.Definition.File < 0 || !isUnder(P.fileOf(T.Definition), Root) ||
        std::find(Seen.begin(), Seen.end(), To) != Seen.end())
      continue;
    Seen.push_back(To);
    Out.push_back({{"name", T.Name}, {"at", relativeToRoot(P.fileOf(T.Definition), Root) + ":" + std::to_string(T.Definition.Line)}});
  }
  return Out;
}

ordered_json findingJson(const Program &P, const Reachability &R, Explainer &E, const Report &Rep, const Finding &F,
                         const std::map<std::string, std::string> &Sources) {
  auto Text = Sources.find(F.File);
  ordered_json J = {{"category", categoryName(F.Category)},
                    {"kind", kindName(F.Kind)},
                    {"name", F.Name},
                    {"file", relativeToRoot(F.File, Rep.SourceRoot)},
                    {"line", F.Line},
                    {"column", F.Column},
                    {"lines", deadLines(F)},
                    {"removable", F.Removable},
                    {"reason", F.NotRemovableBecause},
                    {"reachedFrom", F.ReachedFrom},
                    {"configurations", configurationSummary(F)},
                    {"excerpt", excerpt(Text == Sources.end() ? nullptr : &Text->second, F.Line, F.Lines)},
                    {"related", explanation(P, E, F, Rep.SourceRoot)},
                    {"uses", deadUses(P, R, F, Rep.SourceRoot)},
                    {"members", ordered_json::array()}};
  for (const Finding &M : F.Members) J["members"].push_back(findingJson(P, R, E, Rep, M, Sources));
  return J;
}

/// Keeps `</script>` in names and sources from ending the embedded data.
std::string embeddable(std::string Json) {
  for (size_t At; (At = Json.find("</")) != std::string::npos;) Json.replace(At, 2, "<\\/");
  return Json;
}

constexpr const char *kPage = R"html(<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>deadwood report</title>
<style>
:root { --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --soft:#f6f8fa; --dead:#cf222e; --test:#9a6700; --cold:#0969da; --ok:#1a7f37; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--ink); background:#fff; }
header { padding:20px 28px 12px; border-bottom:1px solid var(--line); background:var(--soft); }
h1 { margin:0 0 4px; font-size:20px; } h1 span { color:var(--muted); font-weight:400; font-size:14px; }
.cards { display:flex; gap:12px; flex-wrap:wrap; margin:12px 0 4px; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:8px 14px; min-width:110px; }
.card b { display:block; font-size:22px; } .card.dead b { color:var(--dead); } .card.test b { color:var(--test); } .card.cold b { color:var(--cold); }
.warn { color:var(--dead); margin-top:8px; }
.controls { display:flex; gap:10px; flex-wrap:wrap; padding:12px 28px; border-bottom:1px solid var(--line); position:sticky; top:0; background:#fff; z-index:1; }
.controls input, .controls select { font:inherit; padding:5px 8px; border:1px solid var(--line); border-radius:6px; }
.controls input { min-width:260px; } #shown { margin-left:auto; color:var(--muted); align-self:center; }
main { padding:8px 28px 40px; }
details.dir > summary { font-weight:600; margin-top:14px; cursor:pointer; }
.file { margin:8px 0 8px 14px; border:1px solid var(--line); border-radius:8px; overflow:hidden; }
.file h3 { margin:0; padding:7px 12px; font:600 13px ui-monospace, SFMono-Regular, Menlo, monospace; background:var(--soft); border-bottom:1px solid var(--line); }
.file h3 small { color:var(--muted); font-weight:400; margin-left:8px; }
.finding { border-top:1px solid var(--line); } .finding:first-of-type { border-top:0; }
.finding > summary { list-style:none; cursor:pointer; padding:7px 12px; display:flex; gap:10px; align-items:baseline; }
.finding > summary::-webkit-details-marker { display:none; }
.finding[open] > summary { background:#fbfcfd; }
.badge { font-size:11px; border-radius:10px; padding:1px 8px; border:1px solid; white-space:nowrap; min-width:66px; text-align:center; }
.badge.dead { color:var(--dead); border-color:#ffcecb; background:#ffebe9; }
.badge.test-only { color:var(--test); border-color:#f5e0a0; background:#fff8c5; }
.badge.unexecuted { color:var(--cold); border-color:#b6e3ff; background:#ddf4ff; }
.kind { color:var(--muted); font-size:12px; min-width:78px; }
.name { font-family:ui-monospace, SFMono-Regular, Menlo, monospace; word-break:break-all; flex:1; }
.pos, .size { color:var(--muted); font-size:12px; white-space:nowrap; }
.body { padding:4px 12px 12px 24px; }
pre { margin:6px 0; padding:8px 0; background:var(--soft); border-radius:6px; overflow:auto; font-size:12.5px; }
pre span { display:block; padding:0 10px; } pre span.hit { background:#ffebe9; } pre i { color:var(--muted); font-style:normal; display:inline-block; width:3.5em; }
.removable { color:var(--ok); } .not-removable { color:var(--dead); }
ul.rel { margin:4px 0; padding-left:18px; } ul.rel code { font-size:12.5px; } ul.rel span { color:var(--muted); font-size:12px; }
.members { margin:6px 0 0 0; }
.empty { color:var(--muted); padding:24px 0; }
#map { padding:10px 28px 4px; } #map h2 { font-size:14px; margin:0 0 6px; } #map h2 span { color:var(--muted); font-weight:400; }
#treemap { width:100%; max-width:1100px; height:auto; display:block; }
#treemap rect.dir { fill:#fff; stroke:var(--line); } #treemap text { font-size:11px; pointer-events:none; }
#treemap text.dir { font-weight:600; fill:var(--ink); } #treemap text.file { fill:#fff; }
#treemap g.file { cursor:pointer; } #treemap g.file rect { stroke:#fff; stroke-width:1; }
#treemap g.file:hover rect, #treemap g.file.on rect { stroke:var(--ink); stroke-width:2; }
svg.graph { display:block; margin:8px 0; max-width:100%; height:auto; }
svg.graph rect { fill:#fff; stroke:var(--line); rx:5; } svg.graph g.me rect { fill:#ffebe9; stroke:var(--dead); }
svg.graph g.test.me rect { fill:#fff8c5; stroke:var(--test); } svg.graph g.cold.me rect { fill:#ddf4ff; stroke:var(--cold); } svg.graph g.root rect { fill:#dafbe1; stroke:var(--ok); }
svg.graph text { font:12px ui-monospace, SFMono-Regular, Menlo, monospace; fill:var(--ink); }
svg.graph text.how { font:11px system-ui, sans-serif; fill:var(--muted); }
svg.graph line { stroke:var(--muted); stroke-width:1.2; marker-end:url(#arrow); }
</style></head><body>
<header><h1>deadwood report <span id="root"></span></h1><div class="cards" id="cards"></div><div id="warn"></div></header>
<section id="map"><h2>Where the dead lines are <span>(area: lines; red: dead, amber: mostly test-only; click a file to show only it)</span></h2><svg id="treemap" role="img" aria-label="treemap of dead lines by directory and file"></svg></section>
<div class="controls">
  <input id="path" type="search" placeholder="Filter by path or name…" aria-label="path filter">
  <select id="kind" aria-label="kind"><option value="">all kinds</option></select>
  <select id="category" aria-label="category"><option value="">all categories</option><option>dead</option><option>test-only</option><option>unexecuted</option></select>
  <select id="sort" aria-label="sort"><option value="file">by file</option><option value="size">largest first</option></select>
  <span id="shown"></span>
</div>
<main id="list"></main>
<script type="application/json" id="data">@DATA@</script>
<script>
const data = JSON.parse(document.getElementById('data').textContent);
const $ = id => document.getElementById(id);
const esc = s => String(s).replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
$('root').textContent = data.sourceRoot;
const s = data.summary;
$('cards').innerHTML = [['dead', s.dead_functions, 'dead function', 'dead functions'], ['dead', s.dead_variables, 'dead variable', 'dead variables'],
  ['dead', s.dead_classes, 'dead class', 'dead classes'], ['dead', s.dead_lines, 'dead line', 'dead lines'], ['test', s.test_only, 'test-only', 'test-only'],
  ...(data.coverage ? [['cold', s.unexecuted, 'unexecuted', 'unexecuted']] : []), ['', s.translation_units, 'translation unit', 'translation units']].map(([c, n, one, many]) => `<div class="card ${c}"><b>${n}</b>${n === 1 ? one : many}</div>`).join('');
if (!data.complete) $('warn').innerHTML = `<div class="warn">Incomplete: ${plural(s.failed, 'translation unit', 'translation units')} did not parse; code they read is not judged.</div>`;
for (const k of [...new Set(data.findings.map(f => f.kind))].sort()) $('kind').insertAdjacentHTML('beforeend', `<option>${k}</option>`);

function related(f) {
  if (!f.related.length) return f.category === 'dead' ? '<p>Nothing refers to it.</p>' : '';
  const title = f.category === 'dead' ? 'Referred to only by unreachable code:'
              : f.category === 'unexecuted' ? 'How a root reaches it (no run took this path):' : 'Why it is alive (from a test):';
  return `<p>${title}</p><ul class="rel">` + f.related.map(r =>
    `<li>${r.how ? `<span>${esc(r.how)}</span> ` : ''}<code>${esc(r.name)}</code> <span>${esc(r.at)}</span></li>`).join('') + '</ul>';
}
// A drawing of one finding: for code a test reaches, the path from its root
// (one box a hop, each arrow named by how it is taken); for dead code, its
// dead cluster: who refers to it on the left, what it refers to on the right.
const clip = t => t.length > 46 ? t.slice(0, 45) + '…' : t;
function box(x, y, w, label, title, cls) {
  return `<g class="${cls}"><title>${esc(title)}</title><rect x="${x}" y="${y}" width="${w}" height="24"></rect>` +
         `<text x="${x + 8}" y="${y + 16}">${esc(clip(label))}</text></g>`;
}
const width = t => Math.max(80, clip(t).length * 7.3 + 16);
const arrowHead = '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#59636e"></path></marker></defs>';
function drawing(f) {
  const me = f.category === 'test-only' ? 'me test' : f.category === 'unexecuted' ? 'me cold' : 'me';
  if (f.related.length && f.related[0].how) {  // a path, root first
    const hops = f.related, w = Math.max(...hops.map(h => width(h.name))), gap = 58;
    let out = '';
    hops.forEach((h, i) => {
      const y = i * gap, last = i === hops.length - 1;
      out += box(0, y, w, h.name, `${h.name}  ${h.at}`, last ? me : i === 0 ? 'root' : 'hop');
      if (i > 0) out += `<line x1="24" y1="${y - gap + 25}" x2="24" y2="${y - 1}"></line><text class="how" x="32" y="${y - gap / 2 + 16}">${esc(h.how)}${h.at ? ' at ' + esc(h.at) : ''}</text>`;
    });
    const W = w + 260, H = hops.length * gap - gap + 26;
    return `<svg class="graph" width="${W}" height="${H}" viewBox="-1 -1 ${W + 2} ${H + 2}">${arrowHead}${out}</svg>`;
  }
  const left = f.related, right = f.uses || [], gap = 32;
  const lw = left.length ? Math.max(...left.map(r => width(r.name))) : 0, mw = width(f.name);
  const rw = right.length ? Math.max(...right.map(r => width(r.name))) : 0;
  const rows = Math.max(left.length, right.length, 1), H = rows * gap - gap + 26;
  const mx = left.length ? lw + 70 : 0, rx = mx + mw + 70, my = (H - 26) / 2;
  let out = box(mx, my, mw, f.name, `${f.name}  ${f.file}:${f.line}`, me);
  const col = (list, x, w, to) => list.forEach((r, i) => {
    const y = (H - 26) / 2 + (i - (list.length - 1) / 2) * gap;
    out += box(x, y, w, r.name, `${r.name}  ${r.at}`, 'hop');
    out += to ? `<line x1="${x + w + 1}" y1="${y + 12}" x2="${mx - 2}" y2="${my + 12}"></line>`
              : `<line x1="${mx + mw + 1}" y1="${my + 12}" x2="${x - 2}" y2="${y + 12}"></line>`;
  });
  col(left, 0, lw, true);
  col(right, rx, rw, false);
  const W = right.length ? rx + rw : mx + mw;
  return `<svg class="graph" width="${W}" height="${H}" viewBox="-1 -1 ${W + 2} ${H + 2}">${arrowHead}${out}</svg>`;
}
function draw(el) {
  const spot = el.querySelector(':scope > .body > .drawing');
  if (spot && !spot.innerHTML) spot.innerHTML = drawing(byId[el.dataset.id]);
}
document.addEventListener('toggle', e => { if (e.target.matches && e.target.matches('details.finding') && e.target.open) draw(e.target); }, true);

// The treemap: directories, then their files, each with an area in
// proportion to its dead lines (squarified: rectangles as square as the
// order allows), coloured by how much of it is test-only.
function squarify(items, x, y, w, h) {
  const out = [], total = items.reduce((n, i) => n + i.value, 0);
  if (!total || w <= 0 || h <= 0) return out;
  let rest = items.map(i => ({item: i, area: i.value * w * h / total}));
  while (rest.length) {
    const side = Math.min(w, h);
    const worst = row => {
      const sum = row.reduce((n, a) => n + a.area, 0), max = Math.max(...row.map(a => a.area)), min = Math.min(...row.map(a => a.area));
      return Math.max(side * side * max / (sum * sum), sum * sum / (side * side * min));
    };
    let n = 1;
    while (n < rest.length && worst(rest.slice(0, n + 1)) <= worst(rest.slice(0, n))) ++n;
    const row = rest.slice(0, n), thick = row.reduce((s, a) => s + a.area, 0) / side;
    let along = 0;
    for (const a of row) {
      const len = a.area / thick;
      out.push(w >= h ? {item: a.item, x, y: y + along, w: thick, h: len} : {item: a.item, x: x + along, y, w: len, h: thick});
      along += len;
    }
    if (w >= h) { x += thick; w -= thick; } else { y += thick; h -= thick; }
    rest = rest.slice(n);
  }
  return out;
}
// The end of a path that fits in n characters: "…/render/".
const tail = (t, n) => t.length <= n ? t : '…' + t.slice(t.length - Math.max(n - 1, 1));
function treemap() {
  const W = 1100, H = 280, dirs = new Map();
  for (const f of data.findings) {
    if (f.category === 'unexecuted') continue;  // alive: not dead lines
    const dir = f.file.includes('/') ? f.file.slice(0, f.file.lastIndexOf('/')) : '.';
    if (!dirs.has(dir)) dirs.set(dir, new Map());
    const files = dirs.get(dir);
    if (!files.has(f.file)) files.set(f.file, {file: f.file, value: 0, test: 0, count: 0});
    const e = files.get(f.file);
    e.value += Math.max(1, f.lines); e.count++;
    if (f.category === 'test-only') e.test += Math.max(1, f.lines);
  }
  const items = [...dirs].map(([dir, files]) => {
    const list = [...files.values()].sort((a, b) => b.value - a.value);
    return {dir, files: list, value: list.reduce((n, e) => n + e.value, 0)};
  }).sort((a, b) => b.value - a.value);
  if (!items.length) { $('map').hidden = true; return; }
  let out = '';
  for (const d of squarify(items, 0, 0, W, H)) {
    const head = d.h > 40 && d.w > 50 ? 16 : 0;
    out += `<rect class="dir" x="${d.x}" y="${d.y}" width="${d.w}" height="${d.h}"><title>${esc(d.item.dir)}/: ${plural(d.item.value, 'line', 'lines')}</title></rect>`;
    if (head) out += `<text class="dir" x="${d.x + 4}" y="${d.y + 12}">${esc(tail(d.item.dir + '/', Math.floor((d.w - 8) / 7)))}</text>`;
    for (const r of squarify(d.item.files, d.x + 2, d.y + 2 + head, d.w - 4, d.h - 4 - head)) {
      const e = r.item, share = e.test / e.value;
      const fill = share >= 0.5 ? '#bf8700' : share > 0 ? '#d1521f' : '#cf222e';
      const name = e.file.slice(e.file.lastIndexOf('/') + 1);
      out += `<g class="file" data-file="${esc(e.file)}"><title>${esc(e.file)}: ${plural(e.value, 'dead line', 'dead lines')} in ${plural(e.count, 'finding', 'findings')}${e.test ? `, ${e.test} test-only` : ''}</title>` +
             `<rect x="${r.x}" y="${r.y}" width="${Math.max(r.w, 0.5)}" height="${Math.max(r.h, 0.5)}" fill="${fill}"></rect>` +
             (r.w > 44 && r.h > 16 ? `<text class="file" x="${r.x + 4}" y="${r.y + 13}">${esc(tail(name, Math.floor((r.w - 8) / 6.5)))}</text>` : '') + '</g>';
    }
  }
  const map = $('treemap');
  map.setAttribute('viewBox', `0 0 ${W} ${H}`);
  map.innerHTML = out;
  map.addEventListener('click', e => {
    const g = e.target.closest('g.file');
    if (!g) return;
    $('path').value = $('path').value === g.dataset.file ? '' : g.dataset.file;
    filter();
  });
}
const byId = [];
function finding(f) {
  const lines = f.excerpt.map(([n, t]) => `<span class="${n === f.line ? 'hit' : ''}"><i>${n}</i>${esc(t)}</span>`).join('');
  const rm = f.removable ? '<p class="removable">Removable: deadwood --fix removes it with its declarations.</p>'
                         : `<p class="not-removable">Not removable: ${esc(f.reason)}</p>`;
  const from = f.reachedFrom.length ? `<p>Reached only from: ${f.reachedFrom.map(esc).join(', ')}</p>` : '';
  const configs = f.configurations ? `<p class="configurations">${esc(f.configurations.charAt(0).toUpperCase() + f.configurations.slice(1))}.</p>` : '';
  const members = f.members.length ? `<div class="members"><p>Members:</p>${f.members.map(finding).join('')}</div>` : '';
  byId.push(f);
  return `<details class="finding" data-id="${byId.length - 1}" data-kind="${esc(f.kind)}" data-category="${esc(f.category)}" data-text="${esc((f.file + ' ' + f.name).toLowerCase())}">
    <summary><span class="badge ${esc(f.category)}">${esc(f.category)}</span><span class="kind">${esc(f.kind)}</span>
    <span class="name">${esc(f.name)}</span><span class="pos">:${f.line}:${f.column}</span><span class="size">${plural(f.lines, 'line', 'lines')}</span></summary>
    <div class="body">${lines ? `<pre>${lines}</pre>` : ''}${rm}${configs}${from}<div class="drawing"></div>${related(f)}${members}</div></details>`;
}
function render() {
  byId.length = 0;
  const sorted = [...data.findings];
  if ($('sort').value === 'size') sorted.sort((a, b) => b.lines - a.lines);
  const byDir = new Map();
  for (const f of sorted) {
    const dir = f.file.includes('/') ? f.file.slice(0, f.file.lastIndexOf('/')) : '.';
    if (!byDir.has(dir)) byDir.set(dir, new Map());
    const files = byDir.get(dir);
    if (!files.has(f.file)) files.set(f.file, []);
    files.get(f.file).push(f);
  }
  let html = '';
  for (const [dir, files] of byDir) {
    html += `<details class="dir" open><summary>${esc(dir)}/</summary>`;
    for (const [file, fs] of files)
      html += `<section class="file"><h3>${esc(file)}<small>${plural(fs.length, 'finding', 'findings')}, ${plural(fs.reduce((n, f) => n + f.lines, 0), 'line', 'lines')}</small></h3>${fs.map(finding).join('')}</section>`;
    html += '</details>';
  }
  $('list').innerHTML = html || '<p class="empty">No findings.</p>';
  if (params.get('expand')) for (const el of document.querySelectorAll('details.finding')) { el.open = true; draw(el); }
  filter();
}
function filter() {
  const text = $('path').value.toLowerCase(), kind = $('kind').value, cat = $('category').value;
  let shown = 0;
  for (const el of document.querySelectorAll('#list > details > section > details.finding')) {
    const ok = (!kind || el.dataset.kind === kind) && (!cat || el.dataset.category === cat) && (!text || el.dataset.text.includes(text));
    el.hidden = !ok; shown += ok;
  }
  for (const sec of document.querySelectorAll('section.file')) sec.hidden = !sec.querySelector('details.finding:not([hidden])');
  for (const dir of document.querySelectorAll('details.dir')) dir.hidden = !dir.querySelector('section.file:not([hidden])');
  $('shown').textContent = `${shown} of ${data.findings.length} shown`;
  for (const g of document.querySelectorAll('#treemap g.file')) g.classList.toggle('on', g.dataset.file === $('path').value);
}
const params = new URLSearchParams(location.hash.slice(1));
for (const k of ['path', 'kind', 'category', 'sort']) if (params.has(k)) $(k).value = params.get(k);
for (const k of ['path', 'kind', 'category']) $(k).addEventListener('input', filter);
$('sort').addEventListener('change', render);
treemap();
render();
</script></body></html>
)html";

}  // namespace

void writeHtml(std::ostream &OS, const Program &P, const Reachability &R, const Report &Rep,
               const std::map<std::string, std::string> &Sources) {
  DeadCounts C = countDead(Rep.Findings);
  Explainer E(P, R);
  ordered_json Findings = ordered_json::array();
  for (const Finding &F : Rep.Findings) Findings.push_back(findingJson(P, R, E, Rep, F, Sources));
  ordered_json Data = {{"sourceRoot", Rep.SourceRoot},
                       {"complete", !Rep.incomplete()},
                       {"summary",
                        {{"dead_functions", C.Functions},
                         {"dead_variables", C.Variables},
                         {"dead_classes", C.Classes},
                         {"dead_lines", C.Lines},
                         {"test_only", C.TestOnly},
                         {"unexecuted", C.Unexecuted},
                         {"translation_units", Rep.Tus},
                         {"failed", Rep.Failed.size()}}},
                       {"findings", std::move(Findings)}};
  if (Rep.Coverage) Data["coverage"] = {{"format", Rep.Coverage->Format}, {"source", Rep.Coverage->Source}};
  std::string Page = kPage;
  Page.replace(Page.find("@DATA@"), 6, embeddable(Data.dump()));
  OS << Page;
}

}  // namespace deadwood
