package dev.awsbootstrap;

/** The process exit codes of aws-bootstrap, named in one place. */
public enum ExitCode {
    /** Everything asked for is done. */
    DONE(0),
    /** An AWS or local operation failed. */
    FAILED(1),
    /** Bad usage or bad input: nothing was changed. */
    BAD_INPUT(2),
    /** A console-only step is not done yet and the run may not ask for it. */
    WAITING_FOR_OPERATOR(3),
    /** The operator interrupted the run. */
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
