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

ordered_json findingJson(const Program &P, Explainer &E, const Report &Rep, const Finding &F,
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
                    {"excerpt", excerpt(Text == Sources.end() ? nullptr : &Text->second, F.Line, F.Lines)},
                    {"related", explanation(P, E, F, Rep.SourceRoot)},
                    {"members", ordered_json::array()}};
  for (const Finding &M : F.Members) J["members"].push_back(findingJson(P, E, Rep, M, Sources));
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
:root { --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --soft:#f6f8fa; --dead:#cf222e; --test:#9a6700; --ok:#1a7f37; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--ink); background:#fff; }
header { padding:20px 28px 12px; border-bottom:1px solid var(--line); background:var(--soft); }
h1 { margin:0 0 4px; font-size:20px; } h1 span { color:var(--muted); font-weight:400; font-size:14px; }
.cards { display:flex; gap:12px; flex-wrap:wrap; margin:12px 0 4px; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:8px 14px; min-width:110px; }
.card b { display:block; font-size:22px; } .card.dead b { color:var(--dead); } .card.test b { color:var(--test); }
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
</style></head><body>
<header><h1>deadwood report <span id="root"></span></h1><div class="cards" id="cards"></div><div id="warn"></div></header>
<div class="controls">
  <input id="path" type="search" placeholder="Filter by path or name…" aria-label="path filter">
  <select id="kind" aria-label="kind"><option value="">all kinds</option></select>
  <select id="category" aria-label="category"><option value="">all categories</option><option>dead</option><option>test-only</option></select>
  <select id="sort" aria-label="sort"><option value="file">by file</option><option value="size">largest first</option></select>
  <span id="shown"></span>
</div>
<main id="list"></main>
<script type="application/json" id="data">@DATA@</script>
<script>
const data = JSON.parse(document.getElementById('data').textContent);
const $ = id => document.getElementById(id);
const esc = s => String(s).replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
$('root').textContent = data.sourceRoot;
const s = data.summary;
$('cards').innerHTML = [['dead', s.dead_functions, 'dead functions'], ['dead', s.dead_variables, 'dead variables'],
  ['dead', s.dead_classes, 'dead classes'], ['dead', s.dead_lines, 'dead lines'], ['test', s.test_only, 'test-only'],
  ['', s.translation_units, 'translation units']].map(([c, n, t]) => `<div class="card ${c}"><b>${n}</b>${t}</div>`).join('');
if (!data.complete) $('warn').innerHTML = `<div class="warn">Incomplete: ${s.failed} translation unit(s) did not parse; code they read is not judged.</div>`;
for (const k of [...new Set(data.findings.map(f => f.kind))].sort()) $('kind').insertAdjacentHTML('beforeend', `<option>${k}</option>`);

function related(f) {
  if (!f.related.length) return f.category === 'dead' ? '<p>Nothing refers to it.</p>' : '';
  const title = f.category === 'dead' ? 'Referred to only by unreachable code:' : 'Why it is alive (from a test):';
  return `<p>${title}</p><ul class="rel">` + f.related.map(r =>
    `<li>${r.how ? `<span>${esc(r.how)}</span> ` : ''}<code>${esc(r.name)}</code> <span>${esc(r.at)}</span></li>`).join('') + '</ul>';
}
function finding(f) {
  const lines = f.excerpt.map(([n, t]) => `<span class="${n === f.line ? 'hit' : ''}"><i>${n}</i>${esc(t)}</span>`).join('');
  const rm = f.removable ? '<p class="removable">Removable: deadwood --fix removes it with its declarations.</p>'
                         : `<p class="not-removable">Not removable: ${esc(f.reason)}</p>`;
  const from = f.reachedFrom.length ? `<p>Reached only from: ${f.reachedFrom.map(esc).join(', ')}</p>` : '';
  const members = f.members.length ? `<div class="members"><p>Members:</p>${f.members.map(finding).join('')}</div>` : '';
  return `<details class="finding" data-kind="${esc(f.kind)}" data-category="${esc(f.category)}" data-text="${esc((f.file + ' ' + f.name).toLowerCase())}">
    <summary><span class="badge ${esc(f.category)}">${esc(f.category)}</span><span class="kind">${esc(f.kind)}</span>
    <span class="name">${esc(f.name)}</span><span class="pos">:${f.line}:${f.column}</span><span class="size">${f.lines} lines</span></summary>
    <div class="body">${lines ? `<pre>${lines}</pre>` : ''}${rm}${from}${related(f)}${members}</div></details>`;
}
function render() {
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
      html += `<section class="file"><h3>${esc(file)}<small>${fs.length} finding(s), ${fs.reduce((n, f) => n + f.lines, 0)} lines</small></h3>${fs.map(finding).join('')}</section>`;
    html += '</details>';
  }
  $('list').innerHTML = html || '<p class="empty">No findings.</p>';
  if (params.get('expand')) for (const el of document.querySelectorAll('details.finding')) el.open = true;
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
}
const params = new URLSearchParams(location.hash.slice(1));
for (const k of ['path', 'kind', 'category', 'sort']) if (params.has(k)) $(k).value = params.get(k);
for (const k of ['path', 'kind', 'category']) $(k).addEventListener('input', filter);
$('sort').addEventListener('change', render);
render();
</script></body></html>
)html";

}  // namespace

void writeHtml(std::ostream &OS, const Program &P, const Reachability &R, const Report &Rep,
               const std::map<std::string, std::string> &Sources) {
  DeadCounts C = countDead(Rep.Findings);
  Explainer E(P, R);
  ordered_json Findings = ordered_json::array();
  for (const Finding &F : Rep.Findings) Findings.push_back(findingJson(P, E, Rep, F, Sources));
  ordered_json Data = {{"sourceRoot", Rep.SourceRoot},
                       {"complete", !Rep.incomplete()},
                       {"summary",
                        {{"dead_functions", C.Functions},
                         {"dead_variables", C.Variables},
                         {"dead_classes", C.Classes},
                         {"dead_lines", C.Lines},
                         {"test_only", C.TestOnly},
                         {"translation_units", Rep.Tus},
                         {"failed", Rep.Failed.size()}}},
                       {"findings", std::move(Findings)}};
  std::string Page = kPage;
  Page.replace(Page.find("@DATA@"), 6, embeddable(Data.dump()));
  OS << Page;
}

}  // namespace deadwood
