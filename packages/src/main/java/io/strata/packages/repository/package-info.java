/**
 * The ordered package repository list, one ZooKeeper znode per repository, and a cache of the loaded repositories.
 */
package io.strata.packages.repository;
