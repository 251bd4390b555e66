// The live feed: one EventSource on /dashboard/api/events shared by every page. Event types: summary (counts),
// operator (a master operator event: TASK_ADDED, TASK_UPDATED, AGENT_*, FRAMEWORK_*), sample (a history point).
// The browser's EventSource reconnects by itself (the server asks for retry: 2000).

const listeners = new Map();
let source = null;
let latestSummary = null;

function emit(type, data) {
  for (const fn of listeners.get(type) || []) {
    try {
      fn(data);
    } catch (e) {
      console.error(`live ${type} listener failed`, e);
    }
  }
}

/** Opens the feed once; later calls do nothing. */
export function connect() {
  if (source) return;
  source = new EventSource('/dashboard/api/events');
  for (const type of ['summary', 'operator', 'sample']) {
    source.addEventListener(type, (message) => {
      const data = JSON.parse(message.data);
      if (type === 'summary') latestSummary = data;
      emit(type, data);
    });
  }
  source.onopen = () => emit('status', {open: true});
  source.onerror = () => emit('status', {open: false});
}

/** Subscribes to one event type; returns the unsubscribe function. */
export function on(type, fn) {
  if (!listeners.has(type)) listeners.set(type, new Set());
  listeners.get(type).add(fn);
  return () => listeners.get(type).delete(fn);
}

/** The last summary received, or null. */
export const summary = () => latestSummary;
