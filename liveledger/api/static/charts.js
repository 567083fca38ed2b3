// charts.js: a very small SVG chart kit for the liveledger page.
//
//   barChart(data, options)     horizontal bars, one per {label, value, attrs}
//   lineChart(series, options)  one line per {label, points: [{x, y, title}], attrs},
//                               with axes, ticks and a legend
//
// Both return a detached <svg> element; the caller puts it in the page.
// Text goes in with textContent only, so labels may be untrusted.

const SVG_NS = "http://www.w3.org/2000/svg";

export const PALETTE = [
  "#1f6fb2", "#d9612b", "#2f9e62", "#b23a6f", "#7a5cc2",
  "#a98b1d", "#1c9aa6", "#6b6b6b", "#c4412f", "#4d7f2a",
];

// Make an SVG element with attributes (null/undefined attributes are left out).
export function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  if (text !== undefined) el.textContent = String(text);
  return el;
}

function tooltip(el, text) {
  if (text) el.appendChild(svg("title", {}, text));
  return el;
}

// About `count` round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten.
export function niceTicks(lo, hi, count = 5) {
  if (!(hi > lo)) hi = lo + 1;
  const rough = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const ticks = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push(Number(v.toFixed(10)));
  }
  if (ticks[ticks.length - 1] < hi) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

function scale(d0, d1, r0, r1) {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

const plain = (v) => String(v);

// Horizontal bar chart. data: [{label, value, title?, attrs?}].
export function barChart(data, { width = 520, barHeight = 22, gap = 8, labelWidth = 150,
  format = plain, emptyText = "no data yet" } = {}) {
  const top = 6;
  const height = Math.max(40, top * 2 + data.length * (barHeight + gap));
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, class: "chart bar-chart",
    role: "img" });
  if (!data.length) {
    root.appendChild(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle",
      class: "chart-empty" }, emptyText));
    return root;
  }
  const max = Math.max(...data.map((d) => d.value), 1);
  const valueRoom = 48;
  const x = scale(0, max, labelWidth, width - valueRoom);
  data.forEach((d, i) => {
    const y = top + i * (barHeight + gap);
    const g = svg("g", { class: "bar" });
    g.appendChild(svg("text", { x: labelWidth - 8, y: y + barHeight / 2, "text-anchor": "end",
      "dominant-baseline": "central", class: "bar-label" }, d.label));
    const rect = svg("rect", { x: labelWidth, y, height: barHeight, rx: 3,
      width: Math.max(1, x(d.value) - labelWidth), fill: PALETTE[0], "data-value": d.value,
      ...(d.attrs || {}) });
    g.appendChild(tooltip(rect, d.title || `${d.label}: ${format(d.value)}`));
    g.appendChild(svg("text", { x: x(d.value) + 6, y: y + barHeight / 2, "dominant-baseline": "central",
      class: "bar-value" }, format(d.value)));
    root.appendChild(g);
  });
  return root;
}

// Multi-line chart. series: [{label, points: [{x: number, y: number, title?, attrs?}], attrs?}];
// x is a number (e.g. milliseconds since 1970), formatted with xFormat.
export function lineChart(series, { width = 520, height = 260, xFormat = plain, yFormat = plain,
  emptyText = "no data yet" } = {}) {
  const pad = { left: 62, right: 16, top: 12, bottom: 34 };
  const legendRow = 20;
  const legendTop = height;
  const total = height + Math.max(1, series.length) * legendRow + 8;
  const root = svg("svg", { viewBox: `0 0 ${width} ${total}`, width, height: total,
    class: "chart line-chart", role: "img" });
  const points = series.flatMap((s) => s.points);
  if (!points.length) {
    root.setAttribute("viewBox", `0 0 ${width} ${height}`);
    root.setAttribute("height", height);
    root.appendChild(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle",
      class: "chart-empty" }, emptyText));
    return root;
  }
  let [x0, x1] = [Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x))];
  if (x0 === x1) { x0 -= 1000; x1 += 1000; }
  const yTicks = niceTicks(0, Math.max(...points.map((p) => p.y)), 5);
  const x = scale(x0, x1, pad.left, width - pad.right);
  const y = scale(0, yTicks[yTicks.length - 1], height - pad.bottom, pad.top);

  const axes = svg("g", { class: "axes" });
  for (const t of yTicks) {
    axes.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: y(t), y2: y(t), class: "grid" }));
    axes.appendChild(svg("text", { x: pad.left - 6, y: y(t), "text-anchor": "end",
      "dominant-baseline": "central", class: "tick" }, yFormat(t)));
  }
  const xTickCount = 4;
  for (let i = 0; i <= xTickCount; i++) {
    const v = x0 + ((x1 - x0) * i) / xTickCount;
    axes.appendChild(svg("line", { x1: x(v), x2: x(v), y1: height - pad.bottom, y2: height - pad.bottom + 4,
      class: "axis" }));
    const anchor = i === 0 ? "start" : i === xTickCount ? "end" : "middle";
    axes.appendChild(svg("text", { x: x(v), y: height - pad.bottom + 16, "text-anchor": anchor,
      class: "tick" }, xFormat(v)));
  }
  axes.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: height - pad.bottom,
    y2: height - pad.bottom, class: "axis" }));
  axes.appendChild(svg("line", { x1: pad.left, x2: pad.left, y1: pad.top, y2: height - pad.bottom,
    class: "axis" }));
  root.appendChild(axes);

  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    const g = svg("g", { class: "series" });
    const d = s.points.map((p, j) => `${j ? "L" : "M"}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(" ");
    g.appendChild(tooltip(svg("path", { d, fill: "none", stroke: colour, "stroke-width": 2.5,
      "data-points": s.points.length, ...(s.attrs || {}) }), s.label));
    for (const p of s.points) {
      g.appendChild(tooltip(svg("circle", { cx: x(p.x), cy: y(p.y), r: 4, fill: colour, "data-value": p.y,
        ...(p.attrs || {}) }),
        p.title || `${s.label}: ${yFormat(p.y)}`));
    }
    root.appendChild(g);
    const legend = svg("g", { class: "legend-item", transform: `translate(${pad.left},${legendTop + i * legendRow})` });
    legend.appendChild(svg("rect", { x: 0, y: 4, width: 14, height: 4, fill: colour }));
    legend.appendChild(svg("text", { x: 20, y: 6, "dominant-baseline": "central", class: "legend" }, s.label));
    root.appendChild(legend);
  });
  return root;
}
