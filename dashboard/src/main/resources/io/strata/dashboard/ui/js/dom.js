// Small DOM and formatting helpers shared by the pages. No framework: elements are built with h().

/** Builds an element: h('td', {class: 'x', onclick: fn}, 'text', child, [more]). Null children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'value') el.value = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A number with at most `digits` decimals, without trailing zeros. */
export function num(value, digits = 2) {
  const text = Number(value || 0).toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Megabytes as MB/GB text. */
export function mem(mb) {
  const value = Number(mb || 0);
  return value >= 1024 ? `${num(value / 1024, 1)} GB` : `${num(value, 0)} MB`;
}

/** used/total as a whole percentage (0 when total is 0). */
export function percent(used, total) {
  return total > 0 ? Math.round((100 * used) / total) : 0;
}

/** A horizontal allocation bar with its label. */
export function bar(used, total, label, testId) {
  const p = percent(used, total);
  return h('span', {'data-testid': testId, 'data-percent': p},
    h('span', {class: 'bar'}, h('span', {style: `width:${p}%`})),
    h('span', {class: 'bar-label'}, label ?? `${p}%`));
}

/** A colored badge whose class is its text (e.g. Healthy, TASK_RUNNING). */
export function badge(text) {
  return h('span', {class: `badge ${text}`}, text);
}

/** Seconds since the epoch as local time. */
export function time(seconds) {
  return seconds ? new Date(seconds * 1000).toLocaleString() : '';
}

/** Calls fn at most once per `ms`, after the last call (trailing edge). */
export function debounce(fn, ms) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

/** A message line: replace(messageEl, ...) with an error class when `error`. */
export function say(el, text, error = false) {
  el.className = error ? 'message error' : 'message';
  el.textContent = text;
}
