package mfr.core.error;

/** The one exception type of mfr: a code (exit code, HTTP status) and a message that says what to do. */
public class MfrException extends RuntimeException {
    private final ErrorCode code;

    public MfrException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public MfrException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
