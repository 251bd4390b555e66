/**
 * The dashboard's live feed: the master's v1 operator event stream followed with reconnects, folded into a
 * small cluster summary by a pure function, and fanned out to browsers as Server-Sent Events.
 */
package io.strata.dashboard.feed;
