package dev.awsbootstrap.cli;

import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.console.OperatorInterrupted;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;

/** The entry point: parses the command line and ends the process with the run's exit code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintStream out = utf8(FileDescriptor.out);
        PrintStream err = utf8(FileDescriptor.err);
        AtomicBoolean ended = new AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> sayInterrupted(ended, err), "aws-bootstrap-interrupted"));
        int code;
        try {
            code = run(args, System.in, out, err, System.getenv());
        } finally {
            ended.set(true);
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Says how to go on when the JVM shuts down before the run ended, as on Ctrl-C while the wizard
     * waits or calls AWS (not at a prompt: the console reads Ctrl-C there itself). The JVM then
     * ends with 130 (128 + SIGINT) on its own, or 143 on SIGTERM. Nothing more is needed to resume:
     * the resume file is saved atomically after every change, so it holds what was finished, and a
     * resumed run inspects AWS again before it changes anything.
     */
    private static void sayInterrupted(AtomicBoolean ended, PrintStream err) {
        if (!ended.get()) {
            OperatorInterrupted.sayOnce(err);
        }
    }

    /** Runs aws-bootstrap with the given streams and environment; returns the exit code. */
    public static int run(
            String[] args,
            InputStream in,
            PrintStream out,
            PrintStream err,
            Map<String, String> environment) {
        Streams streams = new Streams(in, out, err, environment);
        CommandLine commandLine = new CommandLine(new BootstrapCommand(streams));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler(Main::badUsage);
        return commandLine.execute(args);
    }

    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr()
                .println(
                        "Error: "
                                + e.getMessage()
                                + ": see "
                                + command.getCommandName()
                                + " --help.");
        return ExitCode.BAD_INPUT.code();
    }

    private static PrintStream utf8(FileDescriptor descriptor) {
        return new PrintStream(new FileOutputStream(descriptor), true, StandardCharsets.UTF_8);
    }

    /** The process's standard streams and environment, passed in so that tests can supply them. */
    record Streams(
            InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {

        /** The home directory: HOME as the AWS CLI and SDK read it, else Java's idea of it. */
        Path home() {
            String home = environment.get("HOME");
            return Path.of(
                    home != null && !home.isBlank() ? home : System.getProperty("user.home"));
        }
    }
}
