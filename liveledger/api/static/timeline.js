// timeline.js: the timeline panel, each live entry with its figures marked in its text.
//
// Entry text is untrusted: it only reaches the page through text nodes and setAttribute.

import { describeFact, el, factValue, num, utcLabel } from "./dom.js";
import { markExplained } from "./audit.js";

// ---- timeline ---------------------------------------------------------------

// Spans are [start, end) in code points (Python string offsets), so work on an array of
// code points, not on UTF-16 units. Bad spans are dropped; overlapping ones are merged into
// one highlighted run whose tooltip lists every figure in it.
function highlightRuns(chars, facts) {
  const spans = [];
  for (const f of facts) {
    const sp = f.span;
    if (!Array.isArray(sp) || sp.length !== 2) continue;
    const start = Math.max(0, Math.min(chars.length, Number(sp[0])));
    const end = Math.max(0, Math.min(chars.length, Number(sp[1])));
    if (Number.isInteger(start) && Number.isInteger(end) && start < end) spans.push({ start, end, facts: [f] });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const runs = [];
  for (const sp of spans) {
    const last = runs[runs.length - 1];
    if (last && sp.start < last.end) {
      last.end = Math.max(last.end, sp.end);
      last.facts.push(...sp.facts);
    } else {
      runs.push({ ...sp, facts: [...sp.facts] });
    }
  }
  return runs;
}

// Append chars[from, to) to `into`, wrapping highlighted runs in <mark>.
function appendMarked(into, chars, runs, from, to) {
  let pos = from;
  for (const run of runs) {
    const s = Math.max(run.start, from);
    const e = Math.min(run.end, to);
    if (s >= e) continue;
    if (pos < s) into.append(chars.slice(pos, s).join(""));
    const metrics = [...new Set(run.facts.map((f) => f.metric))].join(" ");
    into.append(el("mark", { title: run.facts.map(describeFact).join("\n"), "data-metric": metrics,
      "data-facts": run.facts.length }, chars.slice(s, e).join("")));
    pos = e;
  }
  if (pos < to) into.append(chars.slice(pos, to).join(""));
}

function entryText(item) {
  const chars = Array.from(item.text || "");
  const runs = highlightRuns(chars, item.facts || []);
  const box = el("div", { class: "entry-text" });
  // The text is "title\n\nbody" when the entry has a title (the API gives the title itself).
  const titleLen = item.title ? Array.from(item.title).length : -1;
  if (titleLen > 0) {
    const h = el("h3", { class: "entry-title" });
    appendMarked(h, chars, runs, 0, titleLen);
    const p = el("p", { class: "entry-body" });
    appendMarked(p, chars, runs, titleLen + 2, chars.length);
    box.append(h, p);
  } else {
    const p = el("p", { class: "entry-body" });
    appendMarked(p, chars, runs, 0, chars.length);
    box.append(p);
  }
  return box;
}

function factChips(facts) {
  if (!facts.length) return null;
  const ul = el("ul", { class: "facts" });
  for (const f of facts) {
    const value = factValue(f);
    ul.append(el("li", { class: "fact", title: describeFact(f), "data-metric": f.metric, "data-value": value,
      "data-claimant": f.claimant, "data-has-span": Array.isArray(f.span) ? "1" : "0" },
    el("span", { class: "fact-metric" }, f.metric.replace(/_/g, " ")), " ",
    el("strong", {}, value === null ? "?" : num(value)),
    f.claimant ? el("span", { class: "fact-claimant" }, ` · ${f.claimant}`) : null));
  }
  return ul;
}

export function renderTimeline(doc) {
  const items = doc.items || [];
  const list = document.getElementById("timeline");
  const frag = document.createDocumentFragment();
  for (const item of items) {
    const corrected = item.event_type === "entry.corrected";
    const when = item.occurred_at || item.source_published_at || item.published_at;
    frag.append(el("li", { class: "entry", "data-entry-id": item.entry_id, "data-blog-id": item.blog_id,
      "data-event-type": item.event_type },
    el("div", { class: "entry-meta" },
      el("time", { datetime: when, title: `published ${item.published_at}`
        + (item.source_published_at ? `, posted by the blog ${item.source_published_at}` : "") }, utcLabel(when)),
      corrected ? el("span", { class: "badge corrected" }, "corrected") : null,
      el("span", { class: "entry-id" }, `${item.blog_id} / ${item.entry_id}`)),
    entryText(item),
    factChips(item.facts || [])));
  }
  if (!items.length) frag.append(el("li", { class: "empty" }, "No entries yet."));
  list.replaceChildren(frag);
  const total = doc.total ?? items.length;
  document.getElementById("timeline-count").textContent =
    total > items.length ? `(newest ${items.length} of ${total.toLocaleString("en-US")})` : `(${items.length})`;
  markExplained();
}
