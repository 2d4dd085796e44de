package dev.awsbootstrap.console;

import dev.awsbootstrap.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Answers typed at a real terminal through JLine, with line editing and masked secrets. The
 * terminal is opened at the first question, so a run that asks nothing never pays for it.
 */
public final class TerminalLineSource implements LineSource, AutoCloseable {
    private Terminal terminal;
    private LineReader reader;

    @Override
    public String readLine(String prompt) {
        return read(prompt, null);
    }

    @Override
    public String readSecret(String prompt) {
        return read(prompt, '*');
    }

    private String read(String prompt, Character mask) {
        try {
            return reader().readLine(prompt, mask);
        } catch (UserInterruptException | EndOfFileException e) {
            throw new OperatorInterrupted();
        }
    }

    private synchronized LineReader reader() {
        if (reader == null) {
            try {
                // Prompts go to standard error with the other messages, so that a run whose
                // output is redirected (--output json > file) still asks at the terminal.
                // Each read hands SIGINT to JLine and, when the line is read, back to the
                // terminal's own handler: with JLine's default that is the operating system's
                // default, and Ctrl-C during a later wait would kill the process without the JVM's
                // shutdown (and the line that says how to resume). This handler ends the run as
                // the JVM itself would on SIGINT, through the shutdown hooks, with 130.
                terminal =
                        TerminalBuilder.builder()
                                .system(true)
                                .nativeSignals(false)
                                .signalHandler(TerminalLineSource::onSignal)
                                .systemOutput(TerminalBuilder.SystemOutput.SysErr)
                                .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            reader = LineReaderBuilder.builder().terminal(terminal).build();
            reader.setVariable(LineReader.DISABLE_HISTORY, true);
        }
        return reader;
    }

    /**
     * Ctrl-C outside a prompt, once the terminal is open. The line is written here, before the
     * shutdown starts, because JLine's own shutdown hook closes the terminal's stream, standard
     * error, and may do so before any other hook has written to it.
     */
    private static void onSignal(Terminal.Signal signal) {
        if (signal == Terminal.Signal.INT) {
            OperatorInterrupted.sayOnce(System.err);
            System.exit(ExitCode.INTERRUPTED.code());
        }
    }

    /**
     * Whether questions can be asked at a terminal: standard input and standard error are one,
     * whatever standard output is. Standard error must be one too, as prompts and the secrets shown
     * once (a generated password, an MFA seed) go there: {@code 2> run.log} must not catch them.
     * {@link System#console()} cannot tell, as it looks at standard output instead (and, from Java
     * 22, at nothing at all). When no JLine provider can tell either, the answer is no: the run
     * then reads piped answers and never a secret.
     */
    public static boolean available() {
        return isTerminal(SystemStream.Input) && isTerminal(SystemStream.Error);
    }

    /**
     * Whether standard error, where the messages go, is a terminal, whatever standard input and
     * output are; false when no JLine provider can tell.
     */
    public static boolean errorIsTerminal() {
        return isTerminal(SystemStream.Error);
    }

    private static boolean isTerminal(SystemStream stream) {
        for (String name : new String[] {"jni", "exec"}) {
            try {
                return TerminalProvider.load(name).isSystemStream(stream);
            } catch (IOException | RuntimeException | LinkageError e) {
                // This provider cannot run here; the next one may.
            }
        }
        return false;
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public boolean canReadSecret() {
        return true;
    }

    @Override
    public synchronized void close() {
        if (terminal != null) {
            try {
                terminal.close();
            } catch (IOException e) {
                // The terminal goes back to its normal mode when the process ends anyway.
            }
        }
    }
}
