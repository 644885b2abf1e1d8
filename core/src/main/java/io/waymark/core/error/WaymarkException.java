package io.waymark.core.error;

/** The one exception type users see: a stable code, the offending field (or null) and a message. */
public final class WaymarkException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    public WaymarkException(ErrorCode code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public WaymarkException(ErrorCode code, String message) {
        this(code, null, message);
    }

    public WaymarkException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.field = null;
    }

    public static WaymarkException invalid(String field, String message) {
        return new WaymarkException(ErrorCode.INVALID_FIELD, field, message);
    }

    public static WaymarkException missing(String field) {
        return new WaymarkException(ErrorCode.MISSING_FIELD, field, "missing required field '" + field + "'");
    }

    public ErrorCode code() {
        return code;
    }

    /** The JSON path of the offending input field, or null when the error is not about one field. */
    public String field() {
        return field;
    }
}
