/**
 * Marathon's wire formats: reading and validating app JSON into Marathon-shaped 422 errors, writing apps, tasks
 * and deployments with Marathon's field names, and the stored forms of apps and deployments.
 */
package io.strata.services.wire;
