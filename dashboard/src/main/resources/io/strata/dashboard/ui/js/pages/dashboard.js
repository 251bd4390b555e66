// Dashboard: CPU and memory allocation over time (from /dashboard/api/history, extended by live samples), task
// failure rate, task and node counts (live summary), and services health per framework and app.
import {h, replace, num, mem, percent, badge, debounce} from '../dom.js';
import {getJson, masterState, apps as fetchApps} from '../api.js';
import {frameworkHealth, appHealth} from '../health.js';
import * as live from '../live.js';

const TASK_STATES = ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_FINISHED', 'TASK_FAILED',
  'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR'];

function card(id, label) {
  return h('div', {class: 'card'}, h('div', {class: 'label'}, label),
    h('div', {class: 'value', id: `${id}-value`, 'data-testid': id}, '–'), h('div', {class: 'sub', id: `${id}-sub`}));
}

function chart(canvas, label, color) {
  return new window.Chart(canvas, {
    type: 'line',
    data: {labels: [], datasets: [{label, data: [], borderColor: color, backgroundColor: `${color}33`, fill: true,
      pointRadius: 0, tension: 0.2}]},
    options: {animation: false, responsive: true, maintainAspectRatio: false,
      scales: {y: {min: 0, max: 100, ticks: {callback: (v) => `${v}%`}}, x: {ticks: {maxTicksLimit: 6}}},
      plugins: {legend: {display: false}}},
  });
}

export function mount(root, ctx) {
  const cards = h('div', {class: 'cards'},
    card('cpu', 'CPU allocation'), card('mem', 'Memory allocation'), card('failure', 'Task failure rate'),
    card('tasks-running', 'Running tasks'), card('nodes', 'Nodes'), card('frameworks', 'Frameworks'));
  const cpuCanvas = h('canvas', {id: 'cpu-chart'});
  const memCanvas = h('canvas', {id: 'mem-chart'});
  const counts = h('table', {id: 'task-counts'});
  const health = h('table', {id: 'services-health'});
  replace(root, h('h1', {}, 'Dashboard'), cards,
    h('div', {class: 'charts'},
      h('div', {class: 'chart'}, h('h2', {}, 'CPU Allocation'), cpuCanvas),
      h('div', {class: 'chart'}, h('h2', {}, 'Memory Allocation'), memCanvas)),
    h('div', {class: 'charts'},
      h('div', {}, h('h2', {}, 'Tasks'), counts),
      h('div', {}, h('h2', {}, 'Services Health'), health)));

  const cpuChart = chart(cpuCanvas, 'CPU allocated', '#2f7de1');
  const memChart = chart(memCanvas, 'Memory allocated', '#7a4fd6');
  ctx.onLeave(() => { cpuChart.destroy(); memChart.destroy(); });
  let capacity = 900;

  function addSample(s) {
    const label = new Date(s.epochMillis).toLocaleTimeString();
    for (const [c, value] of [[cpuChart, percent(s.cpusUsed, s.cpusTotal)], [memChart, percent(s.memUsed, s.memTotal)]]) {
      c.data.labels.push(label);
      c.data.datasets[0].data.push(value);
      while (c.data.labels.length > capacity) { c.data.labels.shift(); c.data.datasets[0].data.shift(); }
    }
    document.getElementById('cpu-value').textContent = `${percent(s.cpusUsed, s.cpusTotal)}%`;
    document.getElementById('cpu-sub').textContent = `${num(s.cpusUsed)} of ${num(s.cpusTotal)} CPUs`;
    document.getElementById('mem-value').textContent = `${percent(s.memUsed, s.memTotal)}%`;
    document.getElementById('mem-sub').textContent = `${mem(s.memUsed)} of ${mem(s.memTotal)}`;
    document.getElementById('failure-value').textContent = s.failureRatePercent < 0 ? '0%' : `${s.failureRatePercent}%`;
    document.getElementById('failure-sub').textContent = s.failureRatePercent < 0
      ? 'no task changed state' : 'failed / (failed + successful)';
  }

  function showSummary(s) {
    const tasks = s.tasks || {};
    document.getElementById('tasks-running-value').textContent = tasks.TASK_RUNNING || 0;
    document.getElementById('tasks-running-sub').textContent =
      `${Object.values(tasks).reduce((a, b) => a + b, 0)} tasks known`;
    document.getElementById('nodes-value').textContent = s.agents;
    document.getElementById('nodes-sub').textContent = s.connected ? 'connected' : 'master unreachable';
    document.getElementById('frameworks-value').textContent = s.frameworks;
    replace(counts, h('tr', {}, h('th', {}, 'State'), h('th', {}, 'Tasks')),
      TASK_STATES.map((state) => h('tr', {}, h('td', {}, badge(state)),
        h('td', {'data-testid': `count-${state}`}, tasks[state] || 0))));
  }

  async function refreshHealth() {
    let state;
    try {
      state = await masterState();
    } catch (e) {
      replace(health, h('tr', {}, h('td', {class: 'muted'}, `master unavailable: ${e.message}`)));
      return;
    }
    let apps = [];
    let servicesAnswer = true;
    try {
      apps = await fetchApps();
    } catch {
      servicesAnswer = false;
    }
    const rows = [
      ...(state.frameworks || []).map((f) => [f.name, 'framework', frameworkHealth(f, apps, servicesAnswer)]),
      ...apps.map((a) => [a.id, 'app', appHealth(a)]),
    ];
    replace(health, h('tr', {}, h('th', {}, 'Service'), h('th', {}, 'Kind'), h('th', {}, 'Health')),
      rows.length === 0 ? h('tr', {}, h('td', {class: 'muted', colspan: 3}, 'no services')) : null,
      rows.map(([name, kind, value]) => h('tr', {'data-service': name},
        h('td', {}, name), h('td', {class: 'muted'}, kind), h('td', {'data-testid': `health-${name}`}, badge(value)))));
  }

  getJson('/dashboard/api/history').then((history) => {
    capacity = history.capacity || capacity;
    history.samples.forEach(addSample);
    cpuChart.update();
    memChart.update();
    ctx.on('sample', (s) => { addSample(s); cpuChart.update(); memChart.update(); });
  }).catch((e) => { document.getElementById('cpu-sub').textContent = e.message; });
  if (live.summary()) showSummary(live.summary());
  ctx.on('summary', showSummary);
  const healthSoon = debounce(refreshHealth, 400);
  ctx.on('operator', healthSoon);
  ctx.onLeave(healthSoon.cancel);
  ctx.every(5000, refreshHealth);
  refreshHealth();
}
