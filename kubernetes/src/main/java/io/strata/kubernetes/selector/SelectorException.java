package io.strata.kubernetes.selector;

/** A selector string that does not parse; the message says where and why. */
public final class SelectorException extends IllegalArgumentException {

    /** Creates the exception with upstream-like wording. */
    public SelectorException(String message) {
        super(message);
    }
}
