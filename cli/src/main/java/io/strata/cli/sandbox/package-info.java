/**
 * Reading a task's sandbox files through its agent's {@code /files/read}: the last lines of a file, draining
 * what was appended since an offset, and a follower that streams a running task's output.
 */
package io.strata.cli.sandbox;
