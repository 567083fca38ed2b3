// app.js: the liveledger page. Polls the JSON API and redraws what changed.
//
// Entry text is untrusted: it only ever reaches the page through
// textContent / text nodes / setAttribute, never through innerHTML.

import { barChart, lineChart } from "./charts.js";
import { describeFact, el, factValue, num, pad2, parseTime, utcLabel } from "./dom.js";
import { explainAttrs, initAudit, renderAudit } from "./audit.js";
import { renderTimeline } from "./timeline.js";
import { asOf, initSlider, renderMoments, withAsOf } from "./slider.js";

const POLL_MS = 2500;
// With PROTECT_READS on, the page asks for the read token once and keeps it for the tab's session.
const TOKEN_KEY = "liveledger-read-token";
const FETCH_TIMEOUT_MS = 8000;
// The timeline shows the newest entries; a blog of thousands would make every redraw slow.
// `/?timeline=all` shows every entry (bench/bench_page.py measures both).
const TIMELINE_LIMIT = 300;
const TIMELINE_ALL = new URLSearchParams(window.location.search).get("timeline") === "all";
const VIEWS = {
  timeline: TIMELINE_ALL ? "/api/v1/timeline" : `/api/v1/timeline?limit=${TIMELINE_LIMIT}`,
  casualties: "/api/v1/casualties",
  strikes: "/api/v1/strikes",
  figures: "/api/v1/figures",
  audit: "/api/v1/audit/status",
  moments: "/api/v1/moments",
};
// Drawn as of the slider's moment (the others are about now: the log's status, the slider's track).
const AS_OF_VIEWS = new Set(["timeline", "casualties", "strikes", "figures"]);
const viewUrl = (name) => (AS_OF_VIEWS.has(name) ? withAsOf(VIEWS[name]) : VIEWS[name]);
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
  again: false,       // the slider moved during a refresh: refresh once more when it ends
  moved: null,        // performance.now() of the last slider move, until its redraw is done
  lastOk: null,
};

// ---- small helpers ----------------------------------------------------------

const clock = (d) => `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
const metricOrder = (m) => (METRIC_ORDER.includes(m) ? METRIC_ORDER.indexOf(m) : METRIC_ORDER.length);
const byMetric = (a, b) => metricOrder(a) - metricOrder(b) || (a < b ? -1 : a > b ? 1 : 0);

// ---- casualties table -------------------------------------------------------

function renderCasualties(doc) {
  const groups = doc.rollup?.by_region?.groups || {};
  const overall = doc.rollup?.overall?.groups?.overall;
  const present = new Set(Object.values(groups).flatMap((g) => Object.keys(g.metrics || {})));
  const metrics = [...new Set([...CORE_CASUALTY_METRICS, ...present])].sort(byMetric);

  // Per area: place names and the disputed incidents, from the incident documents.
  const info = {};
  const keys = { overall: { all: [] } };  // area -> metric -> incident keys, for the explain panel
  for (const inc of doc.items || []) {
    const area = inc.area || inc.region_code || inc.country || "unknown";
    const k = (keys[area] ||= { all: [] });
    for (const into of [k, keys.overall]) {
      into.all.push(inc.key);
      for (const m of Object.keys(inc.metrics || {})) (into[m] ||= []).push(inc.key);
    }
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

  const cells = (g, area) => metrics.map((m) => {
    const t = g.metrics?.[m];
    if (!t) return el("td", { class: "num none", "data-metric": m }, "–");
    const range = t.low !== t.high ? el("span", { class: "range" }, ` (${num(t.low)}–${num(t.high)})`) : null;
    return el("td", { class: "num", "data-metric": m, "data-value": t.best, "data-low": t.low,
      "data-high": t.high, title: `${t.incidents} incident(s); click for the sentences behind it`,
      ...explainAttrs("casualties", keys[area]?.[m] || [], m) }, num(t.best), range);
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
      el("td", { class: "num", "data-metric": "incidents", "data-value": g.incidents,
        ...explainAttrs("casualties", keys[area]?.all || []) }, num(g.incidents)),
      ...cells(g, area), disputed));
  }
  if (!Object.keys(groups).length) {
    body.append(el("tr", {}, el("td", { colspan: metrics.length + 3, class: "empty" }, "No casualty reports yet.")));
  }
  table.tBodies[0].replaceChildren(body);
  const totalDisputed = Object.values(info).reduce((n, a) => n + a.disputed.length, 0);
  table.tFoot.replaceChildren(overall ? el("tr", { "data-region": "overall" },
    el("th", { scope: "row" }, "All regions"),
    el("td", { class: "num", "data-metric": "incidents", "data-value": overall.incidents,
      ...explainAttrs("casualties", keys.overall.all) }, num(overall.incidents)),
    ...cells(overall, "overall"), el("td", { class: totalDisputed ? "disputed" : "" }, totalDisputed ? `⚠ ${totalDisputed}` : ""))
    : "");
}

// ---- strikes chart ----------------------------------------------------------

function renderStrikes(doc) {
  const counts = doc.counts?.by_region?.counts || {};
  const places = {};
  const keys = {};
  for (const inc of doc.items || []) {
    for (const p of inc.places || []) (places[inc.area] ||= new Set()).add(p);
    (keys[inc.area] ||= []).push(inc.key);
  }
  const data = Object.entries(counts)
    .map(([area, value]) => ({ area, value, label: places[area] ? `${area} ${[...places[area]].sort().join(", ")}` : area }))
    .sort((a, b) => b.value - a.value || (a.area < b.area ? -1 : 1))
    .map((d) => ({ label: d.label, value: d.value, title: `${d.label}: ${d.value} strike incident(s)`,
      attrs: { "data-region": d.area, ...explainAttrs("strikes", keys[d.area] || [], "strikes") } }));
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
        + `— entry ${p.entry_id}, published ${utcLabel(p.published_at)}`,
      attrs: { "data-entry-id": p.entry_id, ...explainAttrs("figures", [it.key], it.metric, p.entry_id) } }));
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
  figures: renderFigures, audit: renderAudit, moments: renderMoments };

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
  if (state.busy) { state.again = true; return; }
  state.busy = true;
  const moment = asOf();
  try {
    const names = Object.keys(VIEWS);
    const urls = names.map(viewUrl);
    const results = await Promise.allSettled(urls.map((u) => fetchText(u)));
    if (asOf() !== moment) { state.again = true; return; }  // the slider moved meanwhile: draw the new moment
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
        errors.push(`${urls[i]}: cannot show the response (${e.message})`);
      }
    });
    if (!errors.length && state.moved !== null) {  // read by bench/bench_page.py and the page tests
      const root = document.documentElement.dataset;
      root.redrawMs = String(Math.round(performance.now() - state.moved));
      root.drawnAsOf = moment ?? "now";
      state.moved = null;
    }
    const updated = document.getElementById("updated");
    if (!errors.length && !document.documentElement.dataset.firstRenderMs) {  // read by bench/bench_page.py
      document.documentElement.dataset.firstRenderMs = String(Math.round(performance.now()));
    }
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
    if (state.again) {
      state.again = false;
      refresh();
    }
  }
}

// The slider moved: every panel is drawn again as of its moment, at once.
function slid() {
  state.moved = performance.now();
  delete document.documentElement.dataset.drawnAsOf;
  refresh();
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

initAudit({ fetchText });
initSlider({ onChange: slid });
tick();
