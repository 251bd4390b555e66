// Nodes: the agents from /mesos/master/state as a list or as a grid, with per-node allocation bars, attributes
// and roles, filterable by the service (framework) running tasks on them.
import {h, replace, num, mem, bar, badge, debounce} from '../dom.js';
import {masterState} from '../api.js';

let view = 'list';

function roles(agent) {
  const reserved = Object.keys(agent.reserved_resources || {});
  return reserved.length === 0 ? ['*'] : ['*', ...reserved.filter((r) => r !== '*')];
}

function attributes(agent) {
  return Object.entries(agent.attributes || {}).map(([k, v]) => h('span', {class: 'chip'}, `${k}: ${v}`));
}

function allocation(agent, resource, format) {
  const used = (agent.used_resources || {})[resource] || 0;
  const total = (agent.resources || {})[resource] || 0;
  return bar(used, total, `${format(used)} / ${format(total)}`, `${resource}-${agent.hostname}`);
}

export function mount(root, ctx) {
  const filter = h('select', {id: 'node-filter', 'aria-label': 'filter by service'});
  const listButton = h('button', {class: 'secondary', id: 'view-list'}, 'List');
  const gridButton = h('button', {class: 'secondary', id: 'view-grid'}, 'Grid');
  const body = h('div', {id: 'nodes-body'});
  replace(root, h('h1', {}, 'Nodes'),
    h('div', {class: 'toolbar'}, listButton, gridButton, h('label', {}, 'Service ', filter)), body);
  let state = null;

  function tasksOn(agentId, frameworkId) {
    return (state.frameworks || []).filter((f) => !frameworkId || f.id === frameworkId)
      .flatMap((f) => f.tasks || []).filter((t) => t.slave_id === agentId);
  }

  function render() {
    if (!state) return;
    listButton.classList.toggle('selected', view === 'list');
    gridButton.classList.toggle('selected', view === 'grid');
    const chosen = filter.value;
    const agents = (state.slaves || []).filter((a) => !chosen || tasksOn(a.id, chosen).length > 0);
    if (agents.length === 0) {
      replace(body, h('p', {class: 'muted'}, chosen ? 'no node runs tasks of this service' : 'no nodes registered'));
      return;
    }
    if (view === 'grid') {
      replace(body, h('div', {class: 'grid', id: 'nodes-grid'}, agents.map((a) => h('div', {class: 'node', 'data-node': a.hostname},
        h('div', {class: 'host'}, a.hostname, ' ', badge(a.active ? 'active' : 'inactive')),
        h('div', {class: 'row'}, 'CPU', allocation(a, 'cpus', num)),
        h('div', {class: 'row'}, 'Memory', allocation(a, 'mem', mem)),
        h('div', {class: 'row'}, 'Disk', allocation(a, 'disk', mem)),
        h('div', {class: 'row'}, 'Tasks', h('span', {}, tasksOn(a.id).length)),
        h('div', {}, roles(a).map((r) => h('span', {class: 'chip'}, `role ${r}`)), attributes(a))))));
      return;
    }
    replace(body, h('table', {id: 'nodes-list'},
      h('tr', {}, ['Host', 'ID', 'Status', 'CPU', 'Memory', 'Disk', 'Tasks', 'Roles', 'Attributes'].map((t) => h('th', {}, t))),
      agents.map((a) => h('tr', {'data-node': a.hostname},
        h('td', {}, a.hostname), h('td', {class: 'muted'}, a.id), h('td', {}, badge(a.active ? 'active' : 'inactive')),
        h('td', {}, allocation(a, 'cpus', num)), h('td', {}, allocation(a, 'mem', mem)),
        h('td', {}, allocation(a, 'disk', mem)), h('td', {}, tasksOn(a.id).length),
        h('td', {}, roles(a).join(', ')), h('td', {}, attributes(a))))));
  }

  async function refresh() {
    try {
      state = await masterState();
    } catch (e) {
      replace(body, h('div', {class: 'notice'}, `master unavailable: ${e.message}`));
      return;
    }
    const chosen = filter.value;
    replace(filter, h('option', {value: ''}, 'All services'),
      (state.frameworks || []).map((f) => h('option', {value: f.id, selected: f.id === chosen}, f.name)));
    filter.value = chosen && (state.frameworks || []).some((f) => f.id === chosen) ? chosen : '';
    render();
  }

  listButton.addEventListener('click', () => { view = 'list'; render(); });
  gridButton.addEventListener('click', () => { view = 'grid'; render(); });
  filter.addEventListener('change', render);
  const soon = debounce(refresh, 300);
  ctx.on('operator', soon);
  ctx.onLeave(soon.cancel);
  ctx.every(5000, refresh);
  refresh();
}
