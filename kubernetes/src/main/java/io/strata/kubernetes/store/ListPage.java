package io.strata.kubernetes.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One page of a list: the objects in key order, the revision the page was read at, and the continue token for
 * the next page ({@code ""} when this is the last page).
 */
public record ListPage(List<ObjectNode> items, long revision, String continueToken) {

    /** Copies the item list and checks that no part is null. */
    public ListPage {
        items = List.copyOf(items);
        Objects.requireNonNull(continueToken, "continueToken");
    }
}
