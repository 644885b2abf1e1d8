package io.waymark.core.model;

/**
 * A maximum likelihood fit that found no usable estimate: the optimiser gave up, the likelihood was not finite,
 * or a parameter ran off to the edge of {@link LogSpace}'s box (towards 0 or infinity, so it is not identified
 * by the data). The message says which, in words fit for a result's warnings.
 */
public final class FitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FitException(String message) {
        super(message);
    }

    public FitException(String message, Throwable cause) {
        super(message, cause);
    }
}
