// The CSS of report.html: system fonts, readable tables, plot colours by class (the SVG
// helpers write classes, so the palette lives here alone).
#include "search/report/html_parts.hpp"

namespace actsearch::search::html {

const std::string_view kStyle = R"css(
:root { --ink: #1d2330; --muted: #5b6475; --line: #dde2ea; --bg: #f6f7f9; --card: #ffffff;
  --f: #1f5fa8; --df: #d9822b; --best: #1f5fa8; --pareto: #c2410c; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1280px; padding: 24px 28px 40px; background: var(--bg);
  color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 26px; margin: 0 0 6px; }
h2 { font-size: 19px; margin: 0 0 12px; }
section, header { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 18px 22px; margin: 0 0 18px; }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  background: #eef1f5; border-radius: 4px; padding: 1px 5px; }
.status { margin: 4px 0 14px; padding: 8px 12px; border-radius: 6px; }
.status.done { background: #e8f5ec; color: #1c5b32; }
.status.partial { background: #fff4e0; color: #7a4b00; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { flex: 1 1 110px; background: var(--bg); border: 1px solid var(--line); border-radius: 8px;
  padding: 8px 12px; }
.card b { display: block; font-size: 20px; }
.card span { color: var(--muted); font-size: 13px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
table.narrow { width: auto; }
th, td { padding: 5px 7px; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
thead th { background: #f0f2f6; font-weight: 600; vertical-align: bottom; }
td code { font-size: 12px; }
td.expr code { white-space: nowrap; }
td.expr.long code { white-space: normal; overflow-wrap: anywhere; }
tbody tr:hover { background: #f7f9fc; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.config th { width: 30%; font-weight: 500; color: var(--muted); background: none; }
table.config td { font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
.note, figcaption, .legend { color: var(--muted); font-size: 13px; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px;
  white-space: nowrap; background: #eceff3; }
.fam-swish-like { background: #dcf2e3; color: #1c5b32; }
.fam-piecewise-linear { background: #dde9f8; color: #1b4a80; }
.fam-relu-like-smooth { background: #dff3f3; color: #1d5d5d; }
.fam-saturating { background: #ece4f7; color: #4f2d80; }
.fam-periodic { background: #fbe7d6; color: #7a3a0c; }
.plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr)); gap: 12px; }
.plots.wide { grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); }
figure { margin: 0; min-width: 0; padding: 8px; border: 1px solid var(--line); border-radius: 8px; }
figcaption { margin-top: 2px; }
figcaption code { font-size: 12px; overflow-wrap: anywhere; }
.rank { font-weight: 600; color: var(--ink); }
svg.plot { display: block; width: 100%; height: auto; }
svg .frame { fill: none; stroke: #c5ccd8; }
svg .grid { stroke: #eef0f4; }
svg .zero { stroke: #b7bfcc; }
svg .tick { font-size: 10px; fill: var(--muted); }
svg .label { font-size: 11px; fill: var(--muted); }
svg path { fill: none; stroke-linejoin: round; }
svg .f { stroke: var(--f); stroke-width: 2.2; }
svg .df { stroke: var(--df); stroke-width: 1.6; stroke-dasharray: 5 3; }
svg .ref { stroke-width: 3; opacity: 0.35; }
svg .relu { stroke: #9aa3b2; }
svg .swish { stroke: #6cbf84; }
svg .layer { stroke-width: 1.8; }
svg .best { stroke: var(--best); stroke-width: 2; }
svg .front { stroke: var(--pareto); stroke-width: 1.6; }
svg .relu-line { stroke: #6b7280; stroke-width: 1.2; stroke-dasharray: 4 3; }
svg .pt { fill: #8fa7c6; opacity: 0.55; }
svg .pareto { fill: var(--pareto); }
.key { display: inline-block; width: 22px; height: 0; margin: 0 5px 3px 12px;
  border-top: 3px solid; vertical-align: middle; }
.key.f { border-color: var(--f); }
.key.df { border-top-style: dashed; border-color: var(--df); }
.key.relu { border-color: #9aa3b2; opacity: 0.6; }
.key.swish { border-color: #6cbf84; opacity: 0.6; }
.key.shallow { border-color: #9ecae1; }
.key.deep { border-color: #08306b; }
footer { color: var(--muted); font-size: 12px; text-align: center; }
)css";

}  // namespace actsearch::search::html
