// audit.js: where a number comes from (the explain panel), the verified badges, and CSV export.
//
// Every clickable number carries data-explain-* attributes (explainAttrs): the view, the view keys
// behind it, the metric, and for a chart point its entry. A click fetches
// /api/v1/explain/{view}/{key} for each key and shows each contribution: its sentence with the
// figure marked, who said it and who carried it, its bounds, its log position, and whether it counts
// or why not (superseded by a later report, disputed, replaced by a correction, retracted).

import { el, num, utcLabel } from "./dom.js";

const MAX_KEYS = 12;  // a region's row may stand for many incidents: explain the first ones
const audit = { fetchText: null, explained: new Map() };  // entry key -> "counts" | "other"

export function explainAttrs(view, keys, metric = null, entry = null) {
  return { "data-explain-view": view, "data-explain-keys": JSON.stringify(keys), "data-explain-metric": metric,
    "data-explain-entry": entry, tabindex: 0, role: "button" };
}

// ---- the explain panel ------------------------------------------------------

function bounds(f) {
  const parts = [];
  if (f.best !== null && f.best !== undefined) parts.push(`best ${num(f.best)}`);
  if (f.low !== null && f.low !== undefined) parts.push(`low ${num(f.low)}`);
  if (f.high !== null && f.high !== undefined) parts.push(`high ${num(f.high)}`);
  return `${parts.join(", ") || "no number"} (${f.qualifier || "exact"})`;
}

function sentence(f) {
  if (!f.sentence) return el("p", { class: "sentence none" }, "No sentence: the editor gave this figure.");
  const at = f.quote ? f.sentence.indexOf(f.quote) : -1;
  if (at < 0) return el("blockquote", { class: "sentence" }, f.sentence);
  return el("blockquote", { class: "sentence" }, f.sentence.slice(0, at),
    el("mark", { class: "figure" }, f.quote), f.sentence.slice(at + f.quote.length));
}

// Whether a contribution counts in the value shown, and if not, why.
// `latest` is the newest contribution that still counts (contributions come oldest first).
function verdict(view, c, value, metric, latest) {
  const by = c.changed_by_event ? ` (event ${c.changed_by_event})` : "";
  switch (c.status) {
    case "retracted": return ["retracted", `Retracted${by}: does not count.`];
    case "removed by retraction": return ["retracted", "The retraction that removed this entry."];
    case "superseded by correction": return ["corrected", `Replaced by a correction${by}: the corrected text counts.`];
    case "removed by correction": return ["corrected", "The correction that took this entry's figures out of here."];
    case "superseded": return ["superseded", `Superseded by a later event of the entry${by}.`];
    default: break;
  }
  if (!value) return ["superseded", "Nothing counts here now."];
  if (view === "casualties" && metric && value.metrics?.[metric]) {
    const m = value.metrics[metric];
    if (m.current?.entry_id === c.entry_id && m.current?.published_at === c.published_at) {
      return ["counts", `Counts: the incident's current figure${m.disputed ? " (claimants disagree: disputed)" : ""}.`];
    }
    const claim = (m.claims || []).find((k) => k.entry_id === c.entry_id && k.published_at === c.published_at);
    if (claim && m.disputed) {
      return ["disputed", `Disputed: ${claim.claimant || "unattributed"}'s latest claim, kept in the range `
        + `${num(m.low)}–${num(m.high)}; the current figure is entry ${m.current.entry_id}'s.`];
    }
    return ["superseded", `Superseded by a later report (entry ${m.current?.entry_id}): an update replaces, it is not added.`];
  }
  if (view === "interceptions" && metric && value.metrics?.[metric]) {
    const m = value.metrics[metric];
    return m.entry_id === c.entry_id ? ["counts", "Counts: the claimant's latest figure that day."]
      : ["superseded", `Superseded by a later report (entry ${m.entry_id}).`];
  }
  if (view === "figures") return ["counts", "Counts: a point in the claimant's history."];
  return latest && latest.event_id === c.event_id ? ["counts", "Counts: the latest report of this incident."]
    : ["superseded", "The same incident reported again: it is not added."];
}

function contribution(view, c, value, metric, entry, latest) {
  const facts = (c.facts || []).filter((f) => !metric || f.metric === metric);
  const [kind, why] = verdict(view, c, value, metric, latest);
  const when = c.source_published_at || c.published_at;
  const p = c.position || {};
  return el("li", { class: "contribution", "data-entry-id": c.entry_id, "data-blog-id": c.blog_id,
    "data-status": c.status, "data-verdict": kind, "data-picked": entry && entry === c.entry_id ? "1" : null },
  el("div", { class: "contribution-head" },
    el("strong", {}, c.title || c.entry_id),
    el("span", { class: `verdict ${kind}` }, kind)),
  el("p", { class: "why" }, why),
  ...facts.map((f) => el("div", { class: "fact-detail", "data-metric": f.metric },
    sentence(f),
    el("p", { class: "who" }, `${f.metric}: ${bounds(f)} — said by `,
      el("span", { class: "claimant" }, f.claimant || "unattributed"),
      f.relay ? `, carried by ${f.relay}` : "", f.place ? ` · ${f.place}` : ""))),
  el("p", { class: "provenance" },
    `${c.blog_id} / ${c.entry_id} · ${c.event_type} · ${utcLabel(when)} · log ${p.topic}:${p.partition}:${p.offset}`));
}

function relevant(view, c, value) {
  // A casualty state holds every kind of attack of its area and day: keep this incident's reports
  // and the history of entries that left it.
  if (view !== "casualties" || c.status !== "current") return true;
  return Boolean(value && (value.entries || []).includes(c.entry_id));
}

async function openExplain(view, keys, metric, entry) {
  const started = performance.now();
  const panel = document.getElementById("explain-panel");
  const body = document.getElementById("explain-body");
  panel.hidden = false;
  panel.dataset.state = "loading";
  body.replaceChildren(el("p", { class: "hint" }, "Loading…"));
  const shown = keys.slice(0, MAX_KEYS);
  const results = await Promise.allSettled(shown.map((k) =>
    audit.fetchText(`/api/v1/explain/${encodeURIComponent(view)}/${encodeURIComponent(k)}`)));
  audit.explained = new Map();
  const frag = document.createDocumentFragment();
  results.forEach((r, i) => {
    const section = el("section", { class: "explained-key", "data-key": shown[i] },
      el("h3", {}, `${view} ${shown[i]}`, metric ? ` · ${metric}` : ""));
    if (r.status === "rejected") {
      section.append(el("p", { class: "error" }, String(r.reason?.message || r.reason)));
    } else {
      const doc = JSON.parse(r.value);
      const items = doc.contributions.filter((c) => relevant(view, c, doc.value)
        && (!metric || !c.facts.length || c.facts.some((f) => f.metric === metric)));
      const list = el("ol", { class: "contributions" });
      const latest = items.filter((c) => c.status === "current").pop();
      for (const c of items) {
        const li = contribution(view, c, doc.value, metric, entry, latest);
        list.append(li);
        const k = `${c.blog_id}/${c.entry_id}`;
        if (li.dataset.verdict === "counts" || !audit.explained.has(k)) audit.explained.set(k, li.dataset.verdict === "counts" ? "counts" : "other");
      }
      section.append(list);
    }
    frag.append(section);
  });
  if (keys.length > shown.length) frag.append(el("p", { class: "hint" }, `and ${keys.length - shown.length} more.`));
  body.replaceChildren(frag);
  panel.dataset.view = view;
  panel.dataset.ms = String(Math.round(performance.now() - started));  // read by bench/bench_page.py
  panel.dataset.state = "ready";
  markExplained(true);
}

// Highlight the explained entries in the timeline (again after every redraw of it).
export function markExplained(scroll = false) {
  let first = null;
  for (const li of document.querySelectorAll("#timeline li.entry")) {
    const verdict = audit.explained.get(`${li.dataset.blogId}/${li.dataset.entryId}`);
    if (verdict) li.dataset.explained = verdict; else delete li.dataset.explained;
    if (verdict === "counts" && !first) first = li;
  }
  if (scroll && first) first.scrollIntoView({ block: "nearest" });
}

function closeExplain() {
  document.getElementById("explain-panel").hidden = true;
  audit.explained = new Map();
  markExplained();
}

// ---- badges -----------------------------------------------------------------

export function renderAudit(doc) {
  const chain = doc.chain || {};
  const badge = document.getElementById("chain-badge");
  const blogs = Object.entries(chain.blogs || {});
  const perBlog = blogs.map(([b, i]) => `${b}: verified to offset ${i.verified_to_offset} of partition ${i.partition}`
    + `${i.from_genesis ? " from its first event" : ` from offset ${i.from_offset}`}${i.ok ? "" : ` (${i.problems} problem(s))`}`);
  if (!chain.ok) {
    const p = (chain.problems || [])[0] || {};
    badge.dataset.state = "broken";
    badge.dataset.partition = p.partition;
    badge.dataset.offset = p.offset;
    badge.textContent = `✗ log ${p.kind} at ${p.partition}:${p.offset}`;
    badge.title = [...(chain.problems || []).map((q) => `${q.kind} at partition ${q.partition} offset ${q.offset}`
      + ` (blog ${q.blog_id}): ${q.detail}`), ...perBlog].join("\n");
  } else {
    badge.dataset.state = blogs.length ? "ok" : "unknown";
    delete badge.dataset.partition;
    const top = Math.max(...blogs.map(([, i]) => i.verified_to_offset ?? -1), -1);
    badge.dataset.offset = top;
    badge.textContent = !blogs.length ? "chain: no events yet" : blogs.length === 1
      ? `✓ chain verified to offset ${top}` : `✓ ${blogs.length} chains verified`;
    badge.title = perBlog.join("\n");
  }
  const v = doc.verify;
  const vb = document.getElementById("verify-badge");
  vb.dataset.state = !v ? "unknown" : v.equal ? "ok" : "broken";
  vb.textContent = !v ? "audit verify: not run" : `audit verify ${utcLabel(v.ran_at)}: ${v.equal ? "equal" : "differs"}`;
  vb.title = !v ? "liveledger audit verify has not reported to this worker since it started"
    : Object.entries(v.views).map(([name, ok]) => `${name}: ${ok ? "live equals replay" : "live differs from replay"}`).join("\n");
}

// ---- export -----------------------------------------------------------------

async function download(link) {
  const text = await audit.fetchText(link.getAttribute("href"));
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
  const a = el("a", { href: url, download: link.getAttribute("download") });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  link.dataset.downloaded = String(Number(link.dataset.downloaded || 0) + 1);
}

export function initAudit({ fetchText }) {
  audit.fetchText = fetchText;
  const activate = (ev) => {
    const target = ev.target.closest?.("[data-explain-view]");
    if (!target) return;
    ev.preventDefault();
    openExplain(target.dataset.explainView, JSON.parse(target.dataset.explainKeys || "[]"),
      target.dataset.explainMetric || null, target.dataset.explainEntry || null);
  };
  document.addEventListener("click", activate);
  document.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") activate(ev); });
  document.getElementById("explain-close").addEventListener("click", closeExplain);
  for (const link of document.querySelectorAll("a.export")) {
    link.addEventListener("click", (ev) => {
      ev.preventDefault();
      download(link).catch((e) => { link.dataset.error = String(e.message || e); });
    });
  }
}
