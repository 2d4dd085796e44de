package dev.awsbootstrap.console;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;

/** The operator pressed Ctrl-C or closed the input at a prompt. */
public final class OperatorInterrupted extends BootstrapException {
    private static final long serialVersionUID = 1L;

    public OperatorInterrupted() {
        super(ExitCode.INTERRUPTED, "Interrupted: run aws-bootstrap again to resume.");
    }
}
