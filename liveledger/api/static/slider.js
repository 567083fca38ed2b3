// slider.js: the time slider. Moving it sets the moment every panel is drawn as of (the API's
// ?as_of=, answered from the worker's state); "Now" follows the live views again.
//
// The track has one step per entry event on liveledger's clock (GET /api/v1/moments); a marker
// stands where the blog changed its story (a correction or a retraction). The label shows the
// moment in local time and how many events had been accepted by then.

import { el, num, parseTime } from "./dom.js";

const slider = { times: [], changes: [], asOf: null, onChange: null };

// Events accepted by `t` (times sorted): the count up to and including every event at `t`.
function upTo(times, t) {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function localLabel(iso) {
  const t = parseTime(iso);
  if (Number.isNaN(t)) return String(iso);
  return new Date(t).toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric",
    hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" });
}

// The moment the views are drawn as of: null for now.
export const asOf = () => slider.asOf;

// `url` with the slider's moment (unchanged when the slider is at "now").
export function withAsOf(url) {
  if (slider.asOf === null) return url;
  return `${url}${url.includes("?") ? "&" : "?"}as_of=${encodeURIComponent(slider.asOf)}`;
}

function showLabel() {
  const range = document.getElementById("asof-range");
  const label = document.getElementById("asof-label");
  const count = document.getElementById("asof-count");
  const bar = document.getElementById("time-slider");
  const n = slider.times.length;
  if (slider.asOf === null) {
    range.value = String(Math.max(0, n - 1));
    label.textContent = "now";
    label.removeAttribute("datetime");
    count.textContent = `${num(n)} event(s)`;
    bar.dataset.mode = "now";
    delete bar.dataset.asOf;
  } else {
    label.textContent = localLabel(slider.asOf);
    label.setAttribute("datetime", slider.asOf);
    const upto = upTo(slider.times, slider.asOf);
    count.textContent = `${num(upto)} of ${num(n)} event(s) up to this moment`;
    count.dataset.count = String(upto);
    bar.dataset.mode = "past";
    bar.dataset.asOf = slider.asOf;
  }
  count.dataset.total = String(n);
  for (const a of document.querySelectorAll("a.export")) {
    a.setAttribute("href", withAsOf(a.dataset.base));
  }
}

function drawMarkers() {
  const box = document.getElementById("asof-markers");
  const n = slider.times.length;
  const frag = document.createDocumentFragment();
  for (const c of slider.changes) {
    const i = upTo(slider.times, c.at) - 1;
    const left = n > 1 ? (100 * i) / (n - 1) : 0;
    frag.append(el("button", { type: "button", class: "marker", "data-type": c.type, "data-at": c.at,
      "data-entry": c.entry, style: `left: ${left.toFixed(3)}%`,
      title: `${c.type === "entry.retracted" ? "retracted" : "corrected"}: ${c.entry} at ${localLabel(c.at)}`
        + " — click to see the page just before" }));
  }
  box.replaceChildren(frag);
}

// Set the moment (null: now) and redraw.
export function setAsOf(moment) {
  slider.asOf = moment;
  const range = document.getElementById("asof-range");
  if (moment !== null) range.value = String(Math.max(0, upTo(slider.times, moment) - 1));
  showLabel();
  slider.onChange?.();
}

function atIndex(i) {
  const n = slider.times.length;
  if (!n) return null;
  return i >= n - 1 ? null : slider.times[Math.max(0, i)];
}

// The moments document (GET /api/v1/moments): redraw the track when it changed.
export function renderMoments(doc) {
  slider.times = doc.times || [];
  slider.changes = doc.changes || [];
  const range = document.getElementById("asof-range");
  range.max = String(Math.max(0, slider.times.length - 1));
  range.disabled = slider.times.length < 2;
  drawMarkers();
  showLabel();
}

export function initSlider({ onChange }) {
  slider.onChange = onChange;
  for (const a of document.querySelectorAll("a.export")) a.dataset.base = a.getAttribute("href");
  const range = document.getElementById("asof-range");
  range.addEventListener("input", () => {
    slider.asOf = atIndex(Number(range.value));
    showLabel();
    slider.onChange?.();
  });
  document.getElementById("asof-now").addEventListener("click", () => setAsOf(null));
  document.getElementById("asof-markers").addEventListener("click", (ev) => {
    const at = ev.target.closest?.(".marker")?.dataset.at;
    if (!at) return;
    // the events at `at` are the change: show the last moment before it
    const before = slider.times.filter((t) => t < at).pop();
    if (before !== undefined) setAsOf(before);
  });
}
