// Tasks: every task the master knows (active and completed) with its state; #/tasks/<id> shows one task and a
// live view of its stdout/stderr read through /dashboard/api/tasks/<id>/log (the agent's sandbox, server-side).
import {h, replace, num, mem, badge, time, debounce, say} from '../dom.js';
import {masterState, getJson} from '../api.js';

function allTasks(state) {
  const hosts = Object.fromEntries((state.slaves || []).map((a) => [a.id, a.hostname]));
  const frameworks = [...(state.frameworks || []), ...(state.completed_frameworks || [])];
  return frameworks.flatMap((f) => [...(f.tasks || []), ...(f.completed_tasks || [])]
    .map((t) => ({...t, framework: f.name, host: hosts[t.slave_id] || t.slave_id})));
}

function updated(task) {
  const statuses = task.statuses || [];
  return statuses.length ? statuses[statuses.length - 1].timestamp : 0;
}

function list(root, ctx) {
  const table = h('table', {id: 'tasks'});
  const show = h('select', {id: 'task-filter', 'aria-label': 'which tasks'},
    h('option', {value: 'all'}, 'All tasks'), h('option', {value: 'active'}, 'Active'),
    h('option', {value: 'completed'}, 'Completed'));
  replace(root, h('h1', {}, 'Tasks'), h('div', {class: 'toolbar'}, show), table);
  const terminal = new Set(['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR', 'TASK_DROPPED',
    'TASK_GONE']);

  async function refresh() {
    let state;
    try {
      state = await masterState();
    } catch (e) {
      replace(table, h('tr', {}, h('td', {}, `master unavailable: ${e.message}`)));
      return;
    }
    const tasks = allTasks(state).filter((t) => show.value === 'all'
      || (show.value === 'active') !== terminal.has(t.state)).sort((a, b) => updated(b) - updated(a));
    replace(table, h('tr', {}, ['ID', 'Name', 'Service', 'State', 'Node', 'CPU', 'Memory', 'Updated']
      .map((t) => h('th', {}, t))),
    tasks.length === 0 ? h('tr', {}, h('td', {colspan: 8, class: 'muted'}, 'no tasks')) : null,
    tasks.map((t) => h('tr', {class: 'clickable', 'data-task': t.id,
      onclick: () => { location.hash = `#/tasks/${encodeURIComponent(t.id)}`; }},
    h('td', {}, t.id), h('td', {}, t.name), h('td', {}, t.framework),
    h('td', {'data-testid': `state-${t.id}`}, badge(t.state)), h('td', {}, t.host),
    h('td', {}, num((t.resources || {}).cpus)), h('td', {}, mem((t.resources || {}).mem)),
    h('td', {class: 'muted'}, time(updated(t))))));
  }

  show.addEventListener('change', refresh);
  const soon = debounce(refresh, 300);
  ctx.on('operator', soon);
  ctx.onLeave(soon.cancel);
  refresh();
}

function detail(root, ctx, taskId) {
  const info = h('dl', {id: 'task-info'});
  const log = h('pre', {class: 'log', id: 'task-log', 'data-testid': 'task-log'});
  const message = h('div', {class: 'message', id: 'log-message'});
  const files = ['stdout', 'stderr'].map((file) => h('button', {class: 'secondary', 'data-file': file,
    onclick: () => follow(file)}, file));
  replace(root, h('h1', {}, `Task ${taskId}`), h('p', {}, h('a', {href: '#/tasks'}, '← all tasks')), info,
    h('h2', {}, 'Log'), h('div', {class: 'toolbar'}, files), message, log);
  let file = 'stdout';
  let offset = -1;
  let reading = false;

  function follow(next) {
    file = next;
    offset = -1;
    log.textContent = '';
    files.forEach((b) => b.classList.toggle('selected', b.dataset.file === file));
    poll();
  }

  async function poll() {
    if (reading) return;
    reading = true;
    try {
      const wanted = file;
      const chunk = await getJson(`/dashboard/api/tasks/${encodeURIComponent(taskId)}/log?file=${wanted}&offset=${offset}`);
      if (wanted !== file) return;
      const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
      if (chunk.data) log.append(chunk.data);
      offset = chunk.end;
      say(message, `${file} on ${chunk.agent}, ${chunk.end} bytes`);
      if (atBottom) log.scrollTop = log.scrollHeight;
    } catch (e) {
      say(message, e.message, true);
    } finally {
      reading = false;
    }
  }

  async function refreshInfo() {
    try {
      const task = allTasks(await masterState()).find((t) => t.id === taskId);
      if (!task) {
        replace(info, h('dt', {}, 'State'), h('dd', {}, 'unknown to the master'));
        return;
      }
      replace(info, h('dt', {}, 'State'), h('dd', {'data-testid': 'task-state'}, badge(task.state)),
        h('dt', {}, 'Name'), h('dd', {}, task.name), h('dt', {}, 'Service'), h('dd', {}, task.framework),
        h('dt', {}, 'Node'), h('dd', {}, task.host),
        h('dt', {}, 'Resources'), h('dd', {}, `${num((task.resources || {}).cpus)} CPU, ${mem((task.resources || {}).mem)}`),
        h('dt', {}, 'Updated'), h('dd', {}, time(updated(task))));
    } catch (e) {
      replace(info, h('dt', {}, 'Error'), h('dd', {}, e.message));
    }
  }

  const soon = debounce(refreshInfo, 300);
  ctx.on('operator', soon);
  ctx.onLeave(soon.cancel);
  ctx.every(1000, poll);
  refreshInfo();
  follow('stdout');
}

export function mount(root, ctx, params) {
  if (params.length > 0 && params[0]) detail(root, ctx, params.join('/'));
  else list(root, ctx);
}
