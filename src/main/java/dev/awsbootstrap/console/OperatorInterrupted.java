package dev.awsbootstrap.console;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** The operator pressed Ctrl-C or closed the input at a prompt. */
public final class OperatorInterrupted extends BootstrapException {
    private static final long serialVersionUID = 1L;

    private static final String MESSAGE = "Interrupted: run aws-bootstrap again to resume.";

    private static final AtomicBoolean SAID = new AtomicBoolean();

    public OperatorInterrupted() {
        super(ExitCode.INTERRUPTED, MESSAGE);
    }

    /**
     * Tells the operator, once per process, that the run was interrupted and how to go on: for a
     * Ctrl-C that arrives outside a prompt, which ends the process rather than the run. One write,
     * so that it cannot interleave with a line another thread is printing.
     */
    public static void sayOnce(PrintStream err) {
        if (SAID.compareAndSet(false, true)) {
            err.print(System.lineSeparator() + "Error: " + MESSAGE + System.lineSeparator());
            err.flush();
        }
    }
}
