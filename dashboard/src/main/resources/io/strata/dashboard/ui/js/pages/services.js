// Services: Mesos frameworks (from /mesos/master/state) and services apps (from /marathon/v2/apps) with status,
// instances and health; apps can be scaled, restarted and destroyed through the Marathon v2 API.
import {h, replace, num, mem, badge, debounce, say} from '../dom.js';
import {masterState, apps as fetchApps, sendJson} from '../api.js';
import {frameworkHealth, appHealth, appStatus} from '../health.js';

export function mount(root, ctx) {
  const message = h('div', {class: 'message', id: 'services-message'});
  const frameworks = h('table', {id: 'frameworks'});
  const appsTable = h('table', {id: 'apps'});
  const appsNotice = h('div', {id: 'apps-notice'});
  replace(root, h('h1', {}, 'Services'), message, h('h2', {}, 'Frameworks'), frameworks,
    h('h2', {}, 'Apps'), appsNotice, appsTable);

  async function act(label, method, path, body) {
    say(message, `${label}…`);
    try {
      const answer = await sendJson(method, path, body);
      say(message, `${label}: accepted${answer.deploymentId ? ` (deployment ${answer.deploymentId})` : ''}`);
    } catch (e) {
      say(message, `${label} failed: ${e.message}`, true);
    }
    refresh();
  }

  function appRow(app) {
    const id = app.id;
    const path = `/marathon/v2/apps${id.startsWith('/') ? id : `/${id}`}`;
    const scaleTo = h('input', {class: 'small', type: 'number', min: 0, value: app.instances,
      'data-testid': `scale-input-${id}`, 'aria-label': `instances of ${id}`});
    return h('tr', {'data-app': id},
      h('td', {}, id),
      h('td', {}, badge(appStatus(app))),
      h('td', {'data-testid': `instances-${id}`}, `${app.tasksRunning || 0} / ${app.instances}`),
      h('td', {}, badge(appHealth(app))),
      h('td', {}, num(app.cpus)), h('td', {}, mem(app.mem)),
      h('td', {},
        scaleTo, ' ',
        h('button', {'data-testid': `scale-${id}`, onclick: () =>
          act(`Scale ${id} to ${scaleTo.value}`, 'PUT', path, {instances: Number(scaleTo.value)})}, 'Scale'), ' ',
        h('button', {class: 'secondary', 'data-testid': `restart-${id}`, onclick: () =>
          act(`Restart ${id}`, 'POST', `${path}/restart`, {})}, 'Restart'), ' ',
        h('button', {class: 'danger', 'data-testid': `destroy-${id}`, onclick: () => {
          if (window.confirm(`Destroy ${id} and kill its tasks?`)) act(`Destroy ${id}`, 'DELETE', path);
        }}, 'Destroy')));
  }

  // Tables are rebuilt only when what they show changed, and the apps table not while a scale field is being
  // edited: a button the user is about to press stays the same element.
  let shownFrameworks = '';
  let shownApps = '';
  const editing = () => appsTable.contains(document.activeElement) && document.activeElement.tagName === 'INPUT';

  async function refresh() {
    let apps = [];
    let servicesAnswer = true;
    try {
      apps = await fetchApps();
      replace(appsNotice);
    } catch (e) {
      servicesAnswer = false;
      replace(appsNotice, h('div', {class: 'notice'}, `The services API (/marathon) is not available: ${e.message}`));
    }
    try {
      const state = await masterState();
      const shown = (state.frameworks || []).map((f) => ({f, health: frameworkHealth(f, apps, servicesAnswer)}));
      const signature = JSON.stringify(shown.map(({f, health}) => [f.id, f.name, f.active, (f.tasks || []).length,
        f.used_resources, health]));
      if (signature !== shownFrameworks) {
        shownFrameworks = signature;
        replace(frameworks, h('tr', {}, ['Name', 'ID', 'Status', 'Tasks', 'CPU', 'Memory', 'Health']
          .map((t) => h('th', {}, t))),
        shown.map(({f, health}) => h('tr', {'data-framework': f.name},
          h('td', {}, f.webui_url ? h('a', {href: f.webui_url}, f.name) : f.name),
          h('td', {class: 'muted'}, f.id),
          h('td', {}, badge(f.active ? 'active' : 'inactive')),
          h('td', {'data-testid': `framework-tasks-${f.name}`}, (f.tasks || []).length),
          h('td', {}, num((f.used_resources || {}).cpus)),
          h('td', {}, mem((f.used_resources || {}).mem)),
          h('td', {}, badge(health)))));
      }
    } catch (e) {
      shownFrameworks = '';
      replace(frameworks, h('tr', {}, h('td', {class: 'muted'}, `master unavailable: ${e.message}`)));
    }
    const signature = JSON.stringify([servicesAnswer, apps.map((a) => [a.id, a.instances, a.tasksRunning,
      a.tasksHealthy, a.tasksUnhealthy, (a.deployments || []).length, a.cpus, a.mem, (a.healthChecks || []).length])]);
    if (signature === shownApps || editing()) return;
    shownApps = signature;
    replace(appsTable, h('tr', {}, ['ID', 'Status', 'Instances', 'Health', 'CPU', 'Memory', 'Actions']
      .map((t) => h('th', {}, t))),
    servicesAnswer && apps.length === 0 ? h('tr', {}, h('td', {colspan: 7, class: 'muted'}, 'no apps')) : null,
    apps.map(appRow));
  }

  const soon = debounce(refresh, 300);
  ctx.on('operator', soon);
  ctx.onLeave(soon.cancel);
  ctx.every(3000, refresh);
  refresh();
}
