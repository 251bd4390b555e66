// The single-page app: hash routes (#/dashboard, #/services, #/nodes, #/tasks, #/tasks/<id>, #/packages), one
// live feed, and a per-page context whose subscriptions and timers end when the user leaves the page.
import * as live from './live.js';
import * as dashboard from './pages/dashboard.js';
import * as services from './pages/services.js';
import * as nodes from './pages/nodes.js';
import * as tasks from './pages/tasks.js';
import * as packages from './pages/packages.js';

const PAGES = {dashboard, services, nodes, tasks, packages};
let disposers = [];

function context() {
  return {
    /** Listens to a live event type while the page is shown. */
    on(type, fn) {
      disposers.push(live.on(type, fn));
    },
    /** Runs fn every ms while the page is shown. */
    every(ms, fn) {
      const timer = setInterval(fn, ms);
      disposers.push(() => clearInterval(timer));
    },
    /** Runs fn when the page is left. */
    onLeave(fn) {
      disposers.push(fn);
    },
  };
}

function route() {
  disposers.forEach((dispose) => dispose());
  disposers = [];
  const [name, ...rest] = (location.hash.replace(/^#\/?/, '') || 'dashboard').split('/');
  const page = PAGES[name] ? name : 'dashboard';
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', a.dataset.page === page));
  const root = document.getElementById('page');
  root.replaceChildren();
  root.dataset.page = page;
  PAGES[page].mount(root, context(), rest.map(decodeURIComponent));
}

live.on('status', ({open}) => {
  const status = document.getElementById('live-status');
  status.dataset.connected = String(open);
  document.getElementById('live-text').textContent = open ? 'live' : 'reconnecting';
});
live.on('summary', (s) => {
  // the browser's feed is open, but the server may have lost the master's event stream
  document.getElementById('live-text').textContent = s.connected ? 'live' : 'master unreachable';
});
window.addEventListener('hashchange', route);
live.connect();
route();
