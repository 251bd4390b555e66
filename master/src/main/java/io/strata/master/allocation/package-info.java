/** The master's port to the DRF allocator of core, and its adapter. */
package io.strata.master.allocation;
