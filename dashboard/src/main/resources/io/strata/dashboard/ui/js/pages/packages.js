// Packages: browse the package repository (POST /package/search), describe a package (/package/describe), install
// it with options JSON (/package/install), and list installed packages (/package/list): the Cosmos API.
import {h, replace, say} from '../dom.js';
import {cosmos} from '../api.js';

/** The defaults of a JSON schema (nested objects included), as the options a user starts editing from. */
export function schemaDefaults(schema) {
  if (!schema || typeof schema !== 'object') return undefined;
  if (schema.default !== undefined) return schema.default;
  if (schema.type === 'object' || schema.properties) {
    const out = {};
    for (const [key, sub] of Object.entries(schema.properties || {})) {
      const value = schemaDefaults(sub);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  return undefined;
}

function versionOf(p) {
  return p.currentVersion || p.version || (p.packageDefinition || {}).version || '';
}

export function mount(root, ctx) {
  const query = h('input', {id: 'package-query', placeholder: 'search packages', 'aria-label': 'search packages'});
  const message = h('div', {class: 'message', id: 'packages-message'});
  const results = h('div', {class: 'packages', id: 'package-results'});
  const details = h('div', {id: 'package-detail'});
  const installed = h('table', {id: 'installed-packages'});
  replace(root, h('h1', {}, 'Packages'),
    h('form', {class: 'toolbar', onsubmit: (e) => { e.preventDefault(); search(); }},
      query, h('button', {type: 'submit', id: 'package-search'}, 'Search')),
    message, results, details, h('h2', {}, 'Installed'), installed);

  async function search() {
    try {
      const body = await cosmos('search', {query: query.value});
      const packages = body.packages || [];
      say(message, `${packages.length} package${packages.length === 1 ? '' : 's'}`);
      replace(results, packages.map((p) => h('div', {class: 'package', 'data-package': p.name},
        h('div', {class: 'name'}, p.name, ' ', h('span', {class: 'muted'}, versionOf(p))),
        h('p', {}, p.description || ''),
        h('div', {}, (p.tags || []).map((t) => h('span', {class: 'chip'}, t))),
        h('button', {'data-testid': `describe-${p.name}`, onclick: () => describe(p.name)}, 'Details'))));
    } catch (e) {
      say(message, `The package service (/package) is not available: ${e.message}`, true);
    }
  }

  async function describe(name) {
    let body;
    try {
      body = await cosmos('describe', {packageName: name});
    } catch (e) {
      say(message, `describe ${name} failed: ${e.message}`, true);
      return;
    }
    const pkg = body.package || body;
    const schema = body.config || pkg.config || {};
    const options = h('textarea', {id: 'package-options', 'aria-label': 'options JSON'});
    options.value = JSON.stringify(schemaDefaults(schema) || {}, null, 2);
    const appId = h('input', {id: 'package-app-id', placeholder: 'app id (optional)'});
    const result = h('div', {class: 'message', id: 'install-message'});
    replace(details, h('div', {class: 'detail', 'data-package': name},
      h('h2', {}, `${pkg.name || name} ${versionOf(pkg)}`),
      h('p', {}, pkg.description || ''),
      h('dl', {}, pkg.maintainer ? [h('dt', {}, 'Maintainer'), h('dd', {}, pkg.maintainer)] : null,
        pkg.framework !== undefined ? [h('dt', {}, 'Framework'), h('dd', {}, String(pkg.framework))] : null,
        pkg.preInstallNotes ? [h('dt', {}, 'Notes'), h('dd', {}, pkg.preInstallNotes)] : null),
      h('h2', {}, 'Options'), options,
      h('div', {class: 'toolbar'}, appId,
        h('button', {id: 'package-install', onclick: () => install(name, versionOf(pkg), options, appId, result)},
          'Install')),
      result));
  }

  async function install(name, version, optionsField, appIdField, result) {
    let options;
    try {
      options = JSON.parse(optionsField.value || '{}');
    } catch (e) {
      say(result, `options are not valid JSON: ${e.message}`, true);
      return;
    }
    const request = {packageName: name, options};
    if (version) request.packageVersion = version;
    if (appIdField.value.trim()) request.appId = appIdField.value.trim();
    say(result, `installing ${name}…`);
    try {
      const answer = await cosmos('install', request);
      say(result, `installed ${name}${answer.appId ? ` as ${answer.appId}` : ''}`);
      listInstalled();
    } catch (e) {
      say(result, `install failed: ${e.message}`, true);
    }
  }

  async function listInstalled() {
    try {
      const body = await cosmos('list', {});
      const rows = (body.packages || []).map((p) => {
        const info = p.packageInformation || {};
        const def = info.packageDefinition || info;
        return h('tr', {'data-installed': def.name}, h('td', {}, def.name), h('td', {}, def.version || ''),
          h('td', {}, p.appId || ''),
          h('td', {}, h('button', {class: 'danger', 'data-testid': `uninstall-${def.name}`,
            onclick: () => uninstall(def.name, p.appId)}, 'Uninstall')));
      });
      replace(installed, h('tr', {}, ['Name', 'Version', 'App', ''].map((t) => h('th', {}, t))),
        rows.length ? rows : h('tr', {}, h('td', {colspan: 4, class: 'muted'}, 'nothing installed')));
    } catch (e) {
      replace(installed, h('tr', {}, h('td', {class: 'muted'}, `cannot list installed packages: ${e.message}`)));
    }
  }

  async function uninstall(name, appId) {
    if (!window.confirm(`Uninstall ${name}${appId ? ` (${appId})` : ''}?`)) return;
    try {
      await cosmos('uninstall', appId ? {packageName: name, appId} : {packageName: name});
      say(message, `uninstalled ${name}`);
    } catch (e) {
      say(message, `uninstall failed: ${e.message}`, true);
    }
    listInstalled();
  }

  ctx.every(5000, listInstalled);
  search();
  listInstalled();
}
