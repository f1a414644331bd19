package mfr.core.error;

/**
 * Every failure mfr reports, with the exit code the CLI returns and the HTTP status the server answers.
 * The exit codes are part of the CLI contract (documented in docs/cli.md): never renumber them.
 */
public enum ErrorCode {
    INTERNAL(1, 500),
    USAGE(2, 400),
    IMAGE_UNREADABLE(3, 400),
    IMAGE_TOO_LARGE(4, 413),
    NO_FACE(5, 422),
    MODEL(6, 503),
    IO(7, 500),
    NOT_FOUND(8, 404),
    /** No API key, or an unknown or wrong one (server). */
    UNAUTHORIZED(9, 401),
    /** A valid key that does not reach what was asked (server). */
    FORBIDDEN(10, 403),
    /** The name is taken (server, store). */
    CONFLICT(11, 409);

    private final int exitCode;
    private final int httpStatus;

    ErrorCode(int exitCode, int httpStatus) {
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    public int exitCode() {
        return exitCode;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
