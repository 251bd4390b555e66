/**
 * Benchmarks of the services (Marathon-compatible) framework on hollow agents: deployment speed of one large app,
 * and {@code /v2/apps?embed=apps.tasks} latency with 10,000 tasks.
 */
package io.strata.bench.services;
