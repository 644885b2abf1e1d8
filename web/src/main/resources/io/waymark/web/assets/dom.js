// Building the page from data. User-controlled text (event names, properties, traits) only ever becomes
// text nodes or attribute values set through the DOM, never markup: nothing in the dashboard parses HTML.

/** h('div', {class: 'x', onclick: f}, 'text', child, [more]) — strings become text nodes. */
export function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k === 'value') e.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled') e[k] = true;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(e, ...children) {
  e.replaceChildren();
  append(e, children);
  return e;
}

const int = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

export const fmt = {
  int: v => v === null || v === undefined ? '–' : int.format(v),
  num: v => v === null || v === undefined ? '–' : dec.format(v),
  compact: v => v === null || v === undefined ? '–' : compact.format(v),
  pct: (v, digits = 1) => v === null || v === undefined || Number.isNaN(v) ? '–' : (v * 100).toFixed(digits) + '%',
  signedPct: v => v === null || v === undefined ? '–' : (v > 0 ? '+' : '') + (v * 100).toFixed(1) + '%',
  money: v => v === null || v === undefined ? '–' : dec.format(Math.round(v * 100) / 100),
  duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    if (seconds < 60) return seconds.toFixed(0) + ' s';
    if (seconds < 3600) return (seconds / 60).toFixed(1) + ' min';
    if (seconds < 86400) return (seconds / 3600).toFixed(1) + ' h';
    return (seconds / 86400).toFixed(1) + ' d';
  },
  time: iso => iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '–',
  /** Event keys as people read them: $page → page view. */
  event: name => name === '$page' ? 'page view' : name === '$screen' ? 'screen view' : name === '$other' ? 'other' : name === '$none' ? '(no page)' : name,
};

/** The value of a KPI in its unit. */
export function unitValue(v, unit, name) {
  if (v !== null && v !== undefined && (name === 'roas' || name === 'roi')) return fmt.num(v) + '×';
  if (unit === 'ratio') return fmt.pct(v);
  if (unit === 'currency') return fmt.money(v);
  return fmt.num(v);
}

export function card(title, ...body) {
  return h('section', { class: 'card' }, title ? h('h2', {}, title) : null, ...body);
}

/** A notice in place of content: loading, empty (with what to do), or an error. */
export function notice(kind, text, ...extra) {
  return h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status' }, h('p', {}, text), ...extra);
}

export function table(columns, rows, opts = {}) {
  return h('div', { class: 'table-wrap' }, h('table', { class: opts.class || '' },
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { class: c.num ? 'num' : '' }, c.label)))),
    h('tbody', {}, rows.map((r, i) => h('tr', { onclick: opts.onRow ? () => opts.onRow(r, i) : null, class: opts.onRow ? 'clickable' : '' },
      columns.map(c => h('td', { class: c.num ? 'num' : '' }, c.render ? c.render(r, i) : r[c.key])))))));
}

export function select(options, value, onchange, attrs = {}) {
  return h('select', { ...attrs, onchange: e => onchange(e.target.value) },
    options.map(o => typeof o === 'string' ? { value: o, label: o } : o)
      .map(o => h('option', { value: o.value, selected: String(o.value) === String(value) }, o.label)));
}

export function chip(text, cls = '', color = null) {
  return h('span', { class: 'chip ' + cls, style: color ? '--chip:' + color : null }, text);
}
