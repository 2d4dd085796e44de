package dev.awsbootstrap.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the built {@code target/aws-bootstrap.jar} as a child process with a controlled
 * environment, and captures its exit code, output streams and wall time.
 *
 * <p>The environment is the parent's without any {@code AWS_*} variable (nor the JVM option
 * variables, which make {@code java} print extra lines on stderr), with {@code HOME} set to the
 * given directory, plus what {@link #env(Map)} adds. Nothing but the child's own code can therefore
 * reach a developer's real AWS profile.
 */
public final class JarRunner {
    /** How long one run may take before the test fails. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final List<String> DROPPED_VARIABLES =
            List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS");

    private final Path home;
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private String stdin;
    private boolean keepStdinOpen;

    private JarRunner(Path home) {
        this.home = home;
    }

    /** A runner whose child sees {@code home} as its {@code HOME} and no AWS variable at all. */
    public static JarRunner withHome(Path home) {
        return new JarRunner(home);
    }

    /** Adds (or overrides) environment variables of the child, e.g. fake credentials. */
    public JarRunner env(Map<String, String> variables) {
        extraEnv.putAll(variables);
        return this;
    }

    /** Adds one environment variable of the child. */
    public JarRunner env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** Options for the child JVM, placed before {@code -jar}, such as {@code -verbose:class}. */
    public JarRunner jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** Text typed on the child's standard input, which is then closed; by default it is empty. */
    public JarRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    /**
     * Leaves the child's standard input open after {@link #stdin(String)}'s text, so that it waits
     * at its next prompt as at a terminal nobody types into; {@link Running#kill()} or the end of
     * {@link Running#await} closes it.
     */
    public JarRunner keepStdinOpen() {
        this.keepStdinOpen = true;
        return this;
    }

    /** The absolute path of the shaded jar that {@code mvn package} builds. */
    public static Path jar() {
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        Path jar = Path.of(base, "target", "aws-bootstrap.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            fail(jar + " does not exist: run the end-to-end tests with mvn verify, after package.");
        }
        return jar;
    }

    /** Runs the jar with {@code args} and waits for it, failing the test after {@code timeout}. */
    public Result run(Duration timeout, String... args) {
        return start(args).await(timeout);
    }

    /** Runs the jar with {@code args} and waits at most {@link #DEFAULT_TIMEOUT}. */
    public Result run(String... args) {
        return run(DEFAULT_TIMEOUT, args);
    }

    /** Starts the jar with {@code args} and returns at once; see {@link Running#await}. */
    public Running start(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment
                .keySet()
                .removeIf(
                        name ->
                                name.toUpperCase(Locale.ROOT).startsWith("AWS_")
                                        || DROPPED_VARIABLES.contains(name));
        environment.put("HOME", home.toString());
        environment.putAll(extraEnv);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        StringBuffer errSoFar = new StringBuffer();
        CompletableFuture<String> out = drain(process.getInputStream(), new StringBuffer());
        CompletableFuture<String> err = drain(process.getErrorStream(), errSoFar);
        OutputStream in = process.getOutputStream();
        try {
            if (stdin != null) {
                in.write(stdin.getBytes(UTF_8));
                in.flush();
            }
            if (!keepStdinOpen) {
                in.close();
            }
        } catch (IOException e) {
            // The child ended before reading its input; its exit code tells the rest.
        }
        return new Running(command, process, started, out, err, errSoFar, in);
    }

    /** Reads {@code stream} to its end, keeping what has come so far in {@code soFar}. */
    private static CompletableFuture<String> drain(InputStream stream, StringBuffer soFar) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (stream) {
                                ByteArrayOutputStream all = new ByteArrayOutputStream();
                                byte[] buffer = new byte[8192];
                                for (int n; (n = stream.read(buffer)) >= 0; ) {
                                    all.write(buffer, 0, n);
                                    soFar.setLength(0);
                                    soFar.append(all.toString(UTF_8));
                                }
                                text.complete(all.toString(UTF_8));
                            } catch (IOException e) {
                                text.completeExceptionally(e);
                            }
                        },
                        "jar-runner-drain");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    /** A started child process. */
    public static final class Running {
        private final List<String> command;
        private final Process process;
        private final long startedNanos;
        private final CompletableFuture<String> out;
        private final CompletableFuture<String> err;
        private final StringBuffer errSoFar;
        private final OutputStream stdin;
        private final AtomicBoolean killed = new AtomicBoolean();

        private Running(
                List<String> command,
                Process process,
                long startedNanos,
                CompletableFuture<String> out,
                CompletableFuture<String> err,
                StringBuffer errSoFar,
                OutputStream stdin) {
            this.command = command;
            this.process = process;
            this.startedNanos = startedNanos;
            this.out = out;
            this.err = err;
            this.errSoFar = errSoFar;
            this.stdin = stdin;
        }

        /** SIGKILLs the child and returns once it is dead. */
        public void kill() {
            killed.set(true);
            try {
                process.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing " + command, e);
            } finally {
                closeStdin();
            }
        }

        /**
         * Waits until the child has written {@code text} on stderr, as a prompt; fails the test,
         * killing the child, when it ends first or {@code timeout} passes.
         */
        public void awaitStderr(String text, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!errSoFar.toString().contains(text)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    boolean ended = !process.isAlive();
                    kill();
                    fail(
                            "aws-bootstrap %s before writing \"%s\" on stderr:%n%s",
                            ended ? "ended" : "did not get within " + timeout.toSeconds() + " s",
                            text,
                            errSoFar);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    kill();
                    throw new IllegalStateException("interrupted while waiting for " + text, e);
                }
            }
        }

        private void closeStdin() {
            try {
                stdin.close();
            } catch (IOException e) {
                // Closing a pipe to a process that has ended changes nothing.
            }
        }

        /**
         * Sends SIGINT, as Ctrl-C at a terminal does, and returns at once; {@link #await} then
         * tells how the child ended.
         */
        public void interrupt() {
            try {
                Process kill =
                        new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                                .redirectErrorStream(true)
                                .start();
                String output = new String(kill.getInputStream().readAllBytes(), UTF_8);
                if (kill.waitFor() != 0) {
                    fail("kill -INT %d failed: %s", process.pid(), output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not run kill -INT", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while signalling " + command, e);
            }
        }

        /** Whether the child is still running. */
        public boolean isAlive() {
            return process.isAlive();
        }

        /** Whether {@link #kill()} was called. */
        public boolean killed() {
            return killed.get();
        }

        /** Waits for the child's end; kills it and fails the test when {@code timeout} passes. */
        public Result await(Duration timeout) {
            boolean ended;
            try {
                ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + command, e);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
            closeStdin();
            if (!ended) {
                kill();
                fail(
                        "aws-bootstrap did not finish within %s s: %s%nstdout:%n%s%nstderr:%n%s",
                        timeout.toSeconds(), command, text(out), text(err));
            }
            return new Result(process.exitValue(), text(out), text(err), elapsed, killed());
        }

        private static String text(CompletableFuture<String> stream) {
            try {
                return stream.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return "(output not readable: " + e + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "(interrupted)";
            }
        }
    }

    /**
     * How one run ended.
     *
     * @param killed whether the test killed the process
     */
    public record Result(
            int exitCode, String stdout, String stderr, Duration elapsed, boolean killed) {
        /** The lines of stderr that are not blank. */
        public List<String> stderrLines() {
            return stderr.lines().filter(line -> !line.isBlank()).toList();
        }

        /** Both streams and the exit code, for assertion messages. */
        public String describe() {
            return "exit "
                    + exitCode
                    + " after "
                    + elapsed.toMillis()
                    + " ms\n--- stdout ---\n"
                    + stdout
                    + "--- stderr ---\n"
                    + stderr;
        }
    }
}
