package dev.awsbootstrap;

/**
 * A failure the operator can act on: its message is one line that says what went wrong and what to
 * do, and it carries the exit code the process ends with.
 */
public class BootstrapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public BootstrapException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public BootstrapException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** Bad usage or input (exit 2). */
    public static BootstrapException badInput(String message) {
        return new BootstrapException(ExitCode.BAD_INPUT, message);
    }

    /** A failed AWS or local operation (exit 1). */
    public static BootstrapException failed(String message, Throwable cause) {
        return new BootstrapException(ExitCode.FAILED, message, cause);
    }
}
