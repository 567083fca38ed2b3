// dom.js: small helpers the page's modules share. Untrusted text only goes in as text nodes.

// Build an element: attrs are set with setAttribute, children are nodes or plain text.
export function el(tag, attrs = {}, ...children) {
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

export const num = (v) => (v === null || v === undefined ? "" : Number(v).toLocaleString("en-US"));
export const pad2 = (n) => String(n).padStart(2, "0");

// The API gives microseconds ("...12.345678Z"); keep milliseconds so every browser parses it.
export function parseTime(iso) {
  if (!iso) return NaN;
  return Date.parse(String(iso).replace(/(\.\d{3})\d+/, "$1"));
}

export function utcLabel(iso) {
  const t = parseTime(iso);
  if (Number.isNaN(t)) return String(iso || "");
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} `
    + `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())} UTC`;
}

// "killed: best 3 (at_least) — regional governor, Kharkiv"
export function describeFact(f) {
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

export function factValue(f) {
  if (f.best !== null && f.best !== undefined) return f.best;
  const hasLow = f.low !== null && f.low !== undefined;
  const hasHigh = f.high !== null && f.high !== undefined;
  if (hasLow && hasHigh) return (f.low + f.high) / 2;
  return hasLow ? f.low : hasHigh ? f.high : null;
}
