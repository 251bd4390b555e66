// Service health as the DC/OS dashboard showed it (Healthy / Unhealthy / Idle / NA).

export const HEALTHY = 'Healthy';
export const UNHEALTHY = 'Unhealthy';
export const IDLE = 'Idle';
export const NA = 'NA';

/** An app's health: Idle at 0 instances, NA without health checks, Healthy when every instance is healthy. */
export function appHealth(app) {
  if (!app.instances) return IDLE;
  if (!app.healthChecks || app.healthChecks.length === 0) return NA;
  return (app.tasksHealthy || 0) >= app.instances ? HEALTHY : UNHEALTHY;
}

/**
 * A framework's health: that of the app whose label DCOS_PACKAGE_FRAMEWORK_NAME is the framework's lowercased
 * name; the services framework (Marathon) is Healthy while its /v2/apps answers; otherwise NA.
 */
export function frameworkHealth(framework, apps, servicesAnswer) {
  const name = (framework.name || '').toLowerCase();
  const app = apps.find((a) => ((a.labels || {}).DCOS_PACKAGE_FRAMEWORK_NAME || '').toLowerCase() === name);
  if (app) return appHealth(app);
  if (name === 'marathon' && servicesAnswer) return HEALTHY;
  return NA;
}

/** An app's status word: Deploying during a deployment, Suspended at 0 instances, else Running. */
export function appStatus(app) {
  if ((app.deployments || []).length > 0) return 'Deploying';
  if (!app.instances) return 'Suspended';
  return 'Running';
}
