/**
 * Marathon's {@code /v2/groups} writes as pure planning: a group update (nested apps and groups, {@code scaleBy})
 * or a group removal, applied to the current apps and explicit groups, gives the apps to create, update and remove
 * and the explicit groups that remain. The engine applies the plan; nothing here does I/O.
 */
package io.strata.services.groups;
