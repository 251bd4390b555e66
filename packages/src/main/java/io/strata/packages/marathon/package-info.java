/** The services (Marathon v2) API as a package install uses it: create, find by label, delete. */
package io.strata.packages.marathon;
