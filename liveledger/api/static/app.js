// app.js: the liveledger page. Polls the JSON API and redraws what changed.
//
// Entry text is untrusted: it only ever reaches the page through
// textContent / text nodes / setAttribute, never through innerHTML.

import { barChart, lineChart } from "./charts.js";

const POLL_MS = 2500;
// With PROTECT_READS on, the page asks for the read token once and keeps it for the tab's session.
const TOKEN_KEY = "liveledger-read-token";
const FETCH_TIMEOUT_MS = 8000;
const VIEWS = {
  timeline: "/api/v1/timeline",
  casualties: "/api/v1/casualties",
  strikes: "/api/v1/strikes",
  figures: "/api/v1/figures",
};
// Casualty columns always shown; other casualty metrics get a column when present.
const CORE_CASUALTY_METRICS = ["killed", "injured", "casualties", "missing"];
const METRIC_ORDER = ["killed", "injured", "casualties", "missing", "captured", "displaced", "arrested",
  "strikes", "drones_launched", "drones_downed", "missiles_launched", "missiles_downed", "troops"];

const state = {
  raw: {},            // view -> last response text, to redraw only on change
  figures: null,      // last figures document, redrawn when the metric changes
  metric: null,       // metric chosen in the figures select
  timer: null,
  busy: false,
  lastOk: null,
};

// ---- small helpers ----------------------------------------------------------

// Build an element: attrs are set with setAttribute, children are nodes or plain text.
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const num = (v) => (v === null || v === undefined ? "" : Number(v).toLocaleString("en-US"));
const pad2 = (n) => String(n).padStart(2, "0");
const clock = (d) => `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
const metricOrder = (m) => (METRIC_ORDER.includes(m) ? METRIC_ORDER.indexOf(m) : METRIC_ORDER.length);
const byMetric = (a, b) => metricOrder(a) - metricOrder(b) || (a < b ? -1 : a > b ? 1 : 0);

// The API gives microseconds ("...12.345678Z"); keep milliseconds so every browser parses it.
function parseTime(iso) {
  if (!iso) return NaN;
  return Date.parse(String(iso).replace(/(\.\d{3})\d+/, "$1"));
}

function utcLabel(iso) {
  const t = parseTime(iso);
  if (Number.isNaN(t)) return String(iso || "");
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} `
    + `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())} UTC`;
}

// "killed: best 3 (at_least) — regional governor, Kharkiv"
function describeFact(f) {
  const parts = [];
  if (f.best !== null && f.best !== undefined) parts.push(`best ${num(f.best)}`);
  const hasLow = f.low !== null && f.low !== undefined;
  const hasHigh = f.high !== null && f.high !== undefined;
  if ((hasLow && f.low !== f.best) || (hasHigh && f.high !== f.best)) {
    parts.push(`range ${hasLow ? num(f.low) : "?"}–${hasHigh ? num(f.high) : "?"}`);
  }
  let text = `${f.metric}: ${parts.join(", ")} (${f.qualifier})`;
  if (f.claimant) text += ` — ${f.claimant}`;
  if (f.place) text += `, ${f.place}`;
  return text;
}

function factValue(f) {
  if (f.best !== null && f.best !== undefined) return f.best;
  const hasLow = f.low !== null && f.low !== undefined;
  const hasHigh = f.high !== null && f.high !== undefined;
  if (hasLow && hasHigh) return (f.low + f.high) / 2;
  return hasLow ? f.low : hasHigh ? f.high : null;
}

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

function renderTimeline(doc) {
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
  document.getElementById("timeline-count").textContent = `(${items.length})`;
}

// ---- casualties table -------------------------------------------------------

function renderCasualties(doc) {
  const groups = doc.rollup?.by_region?.groups || {};
  const overall = doc.rollup?.overall?.groups?.overall;
  const present = new Set(Object.values(groups).flatMap((g) => Object.keys(g.metrics || {})));
  const metrics = [...new Set([...CORE_CASUALTY_METRICS, ...present])].sort(byMetric);

  // Per area: place names and the disputed incidents, from the incident documents.
  const info = {};
  for (const inc of doc.items || []) {
    const area = inc.area || inc.region_code || inc.country || "unknown";
    const a = (info[area] ||= { places: new Set(), disputed: [] });
    for (const p of inc.places || []) a.places.add(p);
    const notes = Object.entries(inc.metrics || {}).filter(([, m]) => m.disputed).map(([name, m]) =>
      `${name}: ${m.claims.map((c) => `${c.claimant || "unattributed"} ${num(factValue(c))}`).join(" vs ")}`);
    if (notes.length) a.disputed.push(`${inc.day} ${inc.kind}: ${notes.join("; ")}`);
  }

  const table = document.getElementById("casualties-table");
  table.tHead.replaceChildren(el("tr", {}, el("th", { scope: "col" }, "Region"),
    el("th", { scope: "col", class: "num" }, "Incidents"),
    ...metrics.map((m) => el("th", { scope: "col", class: "num", "data-metric": m }, m)),
    el("th", { scope: "col" }, "Disputed")));

  const cells = (g) => metrics.map((m) => {
    const t = g.metrics?.[m];
    if (!t) return el("td", { class: "num none", "data-metric": m }, "–");
    const range = t.low !== t.high ? el("span", { class: "range" }, ` (${num(t.low)}–${num(t.high)})`) : null;
    return el("td", { class: "num", "data-metric": m, "data-value": t.best, "data-low": t.low,
      "data-high": t.high, title: `${t.incidents} incident(s)` }, num(t.best), range);
  });

  const body = document.createDocumentFragment();
  for (const [area, g] of Object.entries(groups)) {
    const a = info[area] || { places: new Set(), disputed: [] };
    const places = [...a.places].sort().join(", ");
    const disputed = a.disputed.length
      ? el("td", { class: "disputed", title: a.disputed.join("\n") }, `⚠ ${a.disputed.length}`)
      : el("td", { class: "undisputed" }, "");
    body.append(el("tr", { "data-region": area, "data-disputed": a.disputed.length },
      el("th", { scope: "row" }, el("span", { class: "code" }, area), places ? ` ${places}` : null),
      el("td", { class: "num", "data-metric": "incidents", "data-value": g.incidents }, num(g.incidents)),
      ...cells(g), disputed));
  }
  if (!Object.keys(groups).length) {
    body.append(el("tr", {}, el("td", { colspan: metrics.length + 3, class: "empty" }, "No casualty reports yet.")));
  }
  table.tBodies[0].replaceChildren(body);
  const totalDisputed = Object.values(info).reduce((n, a) => n + a.disputed.length, 0);
  table.tFoot.replaceChildren(overall ? el("tr", { "data-region": "overall" },
    el("th", { scope: "row" }, "All regions"),
    el("td", { class: "num", "data-metric": "incidents", "data-value": overall.incidents }, num(overall.incidents)),
    ...cells(overall), el("td", { class: totalDisputed ? "disputed" : "" }, totalDisputed ? `⚠ ${totalDisputed}` : ""))
    : "");
}

// ---- strikes chart ----------------------------------------------------------

function renderStrikes(doc) {
  const counts = doc.counts?.by_region?.counts || {};
  const places = {};
  for (const inc of doc.items || []) {
    for (const p of inc.places || []) (places[inc.area] ||= new Set()).add(p);
  }
  const data = Object.entries(counts)
    .map(([area, value]) => ({ area, value, label: places[area] ? `${area} ${[...places[area]].sort().join(", ")}` : area }))
    .sort((a, b) => b.value - a.value || (a.area < b.area ? -1 : 1))
    .map((d) => ({ label: d.label, value: d.value, title: `${d.label}: ${d.value} strike incident(s)`,
      attrs: { "data-region": d.area } }));
  document.getElementById("strikes-chart").replaceChildren(barChart(data, { emptyText: "No strikes reported yet." }));
  const weapons = Object.entries(doc.counts?.by_weapon?.counts || {}).map(([w, n]) => `${w.replace(/-/g, " ")} ${n}`);
  const total = doc.counts?.by_region?.total ?? 0;
  document.getElementById("strikes-summary").textContent =
    `${total} incident(s) (one region, one day, one weapon each)${weapons.length ? ` — by weapon: ${weapons.join(", ")}` : ""}.`;
}

// ---- figures chart ----------------------------------------------------------

// Tick labels in UTC, with as many decimals of a second as the tick step needs to be distinct.
function timeFormat(span) {
  const step = span / 4;
  const decimals = step >= 1000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3;
  return (ms) => {
    const d = new Date(Math.round(ms));
    const hm = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
    if (span >= 86_400_000) return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${hm}`;
    const frac = decimals ? `.${String(d.getUTCMilliseconds()).padStart(3, "0").slice(0, decimals)}` : "";
    return `${hm}:${pad2(d.getUTCSeconds())}${frac}`;
  };
}

function renderFigures(doc) {
  state.figures = doc;
  const items = doc.items || [];
  const metrics = [...new Set(items.map((it) => it.metric))].sort(byMetric);
  if (!metrics.includes(state.metric)) state.metric = metrics.includes("troops") ? "troops" : metrics[0] || null;
  const select = document.getElementById("figures-metric");
  select.replaceChildren(...metrics.map((m) => el("option", { value: m, selected: m === state.metric },
    `${m.replace(/_/g, " ")} (${items.filter((it) => it.metric === m).length})`)));
  drawFigures();
}

function drawFigures() {
  const items = (state.figures?.items || []).filter((it) => it.metric === state.metric);
  const claimants = items.map((it) => it.claimant || "unattributed");
  const subjects = new Set(items.map((it) => it.subject));
  const series = items.map((it, i) => {
    const clash = claimants.filter((c) => c === claimants[i]).length > 1 || subjects.size > 1;
    const label = clash && it.subject ? `${claimants[i]} — ${it.subject}` : claimants[i];
    const points = (it.series || [])
      .map((p) => ({ x: parseTime(p.source_published_at || p.published_at), y: factValue(p), p }))
      .filter((p) => !Number.isNaN(p.x) && p.y !== null)
      .map(({ x, y, p }) => ({ x, y, title: `${label}: ${describeFact({ ...p, metric: it.metric })} `
        + `— entry ${p.entry_id}, published ${utcLabel(p.published_at)}` }));
    return { label, points, attrs: { "data-key": it.key, "data-claimant": it.claimant || "unattributed",
      "data-metric": it.metric } };
  });
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const span = xs.length ? Math.max(...xs) - Math.min(...xs) : 0;
  const box = document.getElementById("figures-chart");
  box.setAttribute("data-metric", state.metric || "");
  box.replaceChildren(lineChart(series, { xFormat: timeFormat(span), yFormat: num,
    emptyText: "No figures reported yet." }));
}

// ---- polling ----------------------------------------------------------------

const RENDER = { timeline: renderTimeline, casualties: renderCasualties, strikes: renderStrikes,
  figures: renderFigures };

class TokenNeeded extends Error {}

async function fetchText(url) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), FETCH_TIMEOUT_MS);
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    const resp = await fetch(url, { cache: "no-store", headers, signal: ctrl.signal });
    const text = await resp.text();
    if (resp.status === 401) throw new TokenNeeded(token ? "The read token was refused." : "");
    if (!resp.ok) {
      let message = text.slice(0, 200);
      try { message = JSON.parse(text).error.message; } catch { /* not a problem document */ }
      throw new Error(`${url}: HTTP ${resp.status} ${message}`);
    }
    return text;
  } catch (e) {
    throw e.name === "AbortError" ? new Error(`${url}: no answer within ${FETCH_TIMEOUT_MS / 1000} s`)
      : e instanceof TypeError ? new Error(`${url}: ${e.message}`) : e;
  } finally {
    clearTimeout(timer);
  }
}

function askForToken(refused) {
  const banner = document.getElementById("error-banner");
  if (banner.querySelector("#token-form")) return;  // already asking: keep what is typed
  const input = el("input", { id: "token-input", type: "password", autocomplete: "off", required: true });
  const form = el("form", { id: "token-form" },
    el("label", { for: "token-input" }, "Reads on this server are protected. Read token: "), input,
    el("button", { type: "submit" }, "Show the views"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    state.raw = {};
    banner.hidden = true;
    banner.replaceChildren();
    tick();
  });
  banner.replaceChildren(el("strong", {}, refused || "A read token is needed."), " ", form);
  banner.hidden = false;
  document.getElementById("updated").dataset.state = "token";
}

function showError(messages) {
  const banner = document.getElementById("error-banner");
  document.getElementById("live-dot").classList.toggle("down", messages.length > 0);
  if (!messages.length) {
    banner.hidden = true;
    banner.replaceChildren();
    return;
  }
  const since = state.lastOk ? ` Showing data from ${clock(state.lastOk)}.` : "";
  banner.replaceChildren(el("strong", {}, "The API is not answering."),
    ` Retrying every ${POLL_MS / 1000} s.${since}`,
    el("ul", {}, ...messages.map((m) => el("li", {}, m))));
  banner.hidden = false;
}

async function refresh() {
  if (state.busy) return;
  state.busy = true;
  try {
    const names = Object.keys(VIEWS);
    const results = await Promise.allSettled(names.map((n) => fetchText(VIEWS[n])));
    const refused = results.find((r) => r.status === "rejected" && r.reason instanceof TokenNeeded);
    if (refused) {
      if (sessionStorage.getItem(TOKEN_KEY)) sessionStorage.removeItem(TOKEN_KEY);
      askForToken(refused.reason.message);
      return;
    }
    const errors = [];
    results.forEach((r, i) => {
      const name = names[i];
      if (r.status === "rejected") { errors.push(String(r.reason?.message || r.reason)); return; }
      if (r.value === state.raw[name]) return;
      try {
        RENDER[name](JSON.parse(r.value));
        state.raw[name] = r.value;
      } catch (e) {
        errors.push(`${VIEWS[name]}: cannot show the response (${e.message})`);
      }
    });
    const updated = document.getElementById("updated");
    if (!errors.length) {
      state.lastOk = new Date();
      updated.textContent = `updated ${clock(state.lastOk)}`;
      updated.dataset.updated = state.lastOk.toISOString();
      updated.dataset.state = "ok";
    } else {
      updated.dataset.state = "error";
    }
    showError(errors);
  } finally {
    state.busy = false;
  }
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = document.hidden ? null : setTimeout(tick, POLL_MS);
}

async function tick() {
  await refresh();
  schedule();
}

document.addEventListener("visibilitychange", () => {
  const updated = document.getElementById("updated");
  if (document.hidden) {
    clearTimeout(state.timer);
    state.timer = null;
    updated.dataset.state = "paused";
    updated.textContent = `${state.lastOk ? `updated ${clock(state.lastOk)}` : "not loaded"} · paused`;
  } else {
    tick();
  }
});

document.getElementById("figures-metric").addEventListener("change", (ev) => {
  state.metric = ev.target.value;
  drawFigures();
});

tick();
