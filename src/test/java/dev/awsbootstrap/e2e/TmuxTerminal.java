package dev.awsbootstrap.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built jar run in a real pseudo-terminal: a detached tmux session of 120 by 60 on a tmux
 * server of its own (its socket in the test's directory), typed at with {@code send-keys} and read
 * with {@code capture-pane}, as a person would see it.
 *
 * <p>The jar runs under {@code env -i}: it sees only {@code TERM} (tmux's), a UTF-8 locale, and the
 * variables given, so that no AWS variable of the developer's can reach it. The shell around it
 * ignores Ctrl-C and then prints {@code EXIT=<code>}, which {@link #awaitExit} reads.
 */
final class TmuxTerminal implements AutoCloseable {
    /** How long one screen text may take to appear; the first includes the JVM's start. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final Pattern EXIT = Pattern.compile("(?m)^EXIT=(\\d+)$");
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String SESSION = "aws-bootstrap";

    private final String socket;
    private final Path directory;

    private TmuxTerminal(String socket, Path directory) {
        this.socket = socket;
        this.directory = directory;
    }

    /**
     * Starts {@code java -jar aws-bootstrap.jar args} in {@code directory} with exactly {@code
     * environment} (plus {@code TERM} and {@code LANG}); the script and tmux's configuration are
     * written there too.
     *
     * @param stdout where standard output goes instead of the terminal, or null
     */
    static TmuxTerminal start(
            Path directory, Map<String, String> environment, Path stdout, String... args) {
        int number = SESSIONS.incrementAndGet();
        // The socket lives in the test's directory, which goes with it; a short path, as a
        // socket's may be at most about 100 characters.
        String socket = directory.resolve("tmux-" + number + ".sock").toString();
        Path config =
                E2eFiles.write(
                        directory.resolve("tmux.conf"),
                        ("set -g history-limit 50000\n"
                                        + "set -g remain-on-exit on\n"
                                        + "set -g status off\n")
                                .getBytes(UTF_8));
        List<String> command = new ArrayList<>();
        command.add("env");
        command.add("-i");
        command.add("TERM=\"$TERM\"");
        command.add("LANG=C.UTF-8");
        environment.forEach((name, value) -> command.add(quote(name + "=" + value)));
        command.add(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-jar");
        command.add(quote(JarRunner.jar().toString()));
        for (String arg : args) {
            command.add(quote(arg));
        }
        if (stdout != null) {
            command.add("> " + quote(stdout.toString()));
        }
        String script =
                "#!/bin/sh\n"
                        // A no-op trap, not an ignored signal: java gets Ctrl-C; the shell lives.
                        + "trap : INT\n"
                        + "cd "
                        + quote(directory.toString())
                        + "\n"
                        + String.join(" ", command)
                        + "\n"
                        + "echo \"EXIT=$?\"\n";
        Path file =
                E2eFiles.write(directory.resolve("run-" + number + ".sh"), script.getBytes(UTF_8));
        TmuxTerminal terminal = new TmuxTerminal(socket, directory);
        terminal.tmux(
                "-f",
                config.toString(),
                "new-session",
                "-d",
                "-s",
                SESSION,
                "-x",
                "120",
                "-y",
                "60",
                "sh " + quote(file.toString()));
        return terminal;
    }

    /** Everything the pane has shown, scrollback included, wrapped lines joined. */
    String screen() {
        return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", target());
    }

    /** {@link #screen()} with the cells' colours and weights as escape sequences. */
    String screenWithAttributes() {
        return tmux("capture-pane", "-p", "-e", "-J", "-S", "-", "-t", target());
    }

    /** Types {@code text} as it is and presses Enter. */
    void type(String text) {
        if (!text.isEmpty()) {
            tmux("send-keys", "-t", target(), "-l", "--", text);
        }
        tmux("send-keys", "-t", target(), "Enter");
    }

    /** Presses Ctrl-C. */
    void interrupt() {
        tmux("send-keys", "-t", target(), "C-c");
    }

    /**
     * Waits until {@code text} has appeared on {@code occurrence} lines of the screen, and fails
     * the test with the screen when it has not within {@link #PATIENCE}.
     */
    void await(String text, int occurrence) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            String screen = screen();
            if (screen.lines().filter(line -> line.contains(text)).count() >= occurrence) {
                return;
            }
            Matcher exit = EXIT.matcher(screen);
            if (exit.find() || System.nanoTime() > deadline) {
                fail(
                        "\"%s\" (%d) did not appear on the screen %s:%n%s",
                        text,
                        occurrence,
                        exit.find(0) ? "before aws-bootstrap ended" : "in time",
                        screen);
            }
            pause();
        }
    }

    /** Waits for the run's end and returns its exit code. */
    int awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String screen = screen();
            Matcher exit = EXIT.matcher(screen);
            if (exit.find()) {
                return Integer.parseInt(exit.group(1));
            }
            if (System.nanoTime() > deadline) {
                fail("aws-bootstrap did not end within %s s:%n%s", timeout.toSeconds(), screen);
            }
            pause();
        }
    }

    /** Writes the whole session, without escape sequences, to {@code file}. */
    void saveScreen(Path file) {
        E2eFiles.write(file, screen().getBytes(UTF_8));
    }

    /** Stops this session's tmux server, and with it anything still running in the pane. */
    @Override
    public void close() {
        tmux(true, "kill-server");
    }

    private static String target() {
        return "=" + SESSION + ":";
    }

    private String tmux(String... args) {
        return tmux(false, args);
    }

    private String tmux(boolean mayFail, String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-u", "-S", socket));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment()
                .keySet()
                .removeIf(
                        name ->
                                name.toUpperCase(Locale.ROOT).startsWith("AWS_")
                                        || name.equals("TMUX"));
        builder.environment().put("LANG", "C.UTF-8");
        builder.redirectErrorStream(true);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("%s did not end", command);
            }
            if (process.exitValue() != 0 && !mayFail) {
                fail("%s failed with exit %d: %s", command, process.exitValue(), output);
            }
            return output;
        } catch (IOException e) {
            return fail(
                    "Could not run tmux (%s): install it (apt-get install tmux, brew install tmux)"
                            + " to run the terminal tests.",
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the screen", e);
        }
    }

    /** {@code text} in single quotes for sh. */
    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Where a test keeps the transcript of its session: target/terminal-sessions/NAME.txt. */
    static Path transcript(String name) {
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        Path directory = Path.of(base, "target", "terminal-sessions");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory.resolve(name + ".txt");
    }
}
