// HTTP calls of the dashboard. Every path is absolute on the dashboard's origin: in production the admin router
// serves /mesos (leading master), /marathon (services, Marathon v2), /package (package service, Cosmos API) and
// /dashboard (this dashboard's own server).

/** An HTTP failure: status 0 when nobody answered. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function failure(response) {
  let detail = response.statusText;
  try {
    const text = await response.text();
    try {
      const body = JSON.parse(text);
      detail = body.message || body.error || (body.errors && JSON.stringify(body.errors)) || text;
    } catch {
      detail = text || detail;
    }
  } catch {
    // keep the status text
  }
  return new ApiError(response.status, `${response.status} ${detail}`.trim());
}

async function exchange(method, path, body, headers = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: {Accept: 'application/json', ...headers},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, `cannot reach ${path}: ${e.message}`);
  }
  if (!response.ok) throw await failure(response);
  const text = await response.text();
  return text ? JSON.parse(text) : {};
}

/** GET a JSON document. */
export const getJson = (path) => exchange('GET', path);

/** Send a JSON body with any method. */
export const sendJson = (method, path, body) =>
  exchange(method, path, body, body === undefined ? {} : {'Content-Type': 'application/json'});

/** The leading master's full state (spec 1.6). */
export const masterState = () => getJson('/mesos/master/state');

/** The services' apps with their tasks (Marathon v2). */
export const apps = () => getJson('/marathon/v2/apps?embed=apps.tasks').then((body) => body.apps || []);

/**
 * A Cosmos call: POST /package/<name> with the versioned media types DC/OS used
 * (application/vnd.dcos.package.<name>-request+json;charset=utf-8;version=v1), plain JSON accepted back too.
 */
export function cosmos(name, body) {
  const type = name.replace('/', '.');
  return exchange('POST', `/package/${name}`, body, {
    'Content-Type': `application/vnd.dcos.package.${type}-request+json;charset=utf-8;version=v1`,
    Accept: `application/vnd.dcos.package.${type}-response+json;charset=utf-8;version=v1, application/json`,
  });
}
