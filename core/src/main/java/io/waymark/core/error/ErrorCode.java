package io.waymark.core.error;

/**
 * Every failure a user can see has one of these codes. The code fixes the HTTP status of the API
 * and the exit code of the CLI (2 for bad input, 1 for everything else), so both agree.
 */
public enum ErrorCode {
    INVALID_JSON(400, 2),
    INVALID_FIELD(400, 2),
    MISSING_FIELD(400, 2),
    EVENT_TOO_LARGE(400, 2),
    REQUEST_TOO_LARGE(413, 2),
    UNAUTHORIZED(401, 2),
    FORBIDDEN(403, 2),
    REQUEST_TIMEOUT(408, 1),
    NOT_FOUND(404, 2),
    CONFLICT(409, 2),
    TOO_MANY_REQUESTS(429, 1),
    DATA_DIR_IN_USE(409, 1),
    OVERLOADED(503, 1),
    IO_FAILURE(500, 1),
    INTERNAL(500, 1);

    private final int httpStatus;
    private final int exitCode;

    ErrorCode(int httpStatus, int exitCode) {
        this.httpStatus = httpStatus;
        this.exitCode = exitCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int exitCode() {
        return exitCode;
    }
}
