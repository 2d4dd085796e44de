package dev.awsbootstrap.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** A moto_server child process emulating AWS on 127.0.0.1, shared by all tests of one JVM. */
public final class MotoServer implements AutoCloseable {

    public static final String FAKE_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String FAKE_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String REGION = "us-east-1";

    private static final String INSTALL_HINT = "pip install \"moto[server]\"";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PIP_TIMEOUT = Duration.ofMinutes(5);
    private static final int PORT_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final URI endpoint;
    private final Path logFile;
    private final HttpClient http;
    private final Thread shutdownHook;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private MotoServer(Process process, int port, Path logFile, HttpClient http) {
        this.process = process;
        this.port = port;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.logFile = logFile;
        this.http = http;
        // The JUnit store normally stops moto; the hook covers aborted runs and disabled
        // auto-close.
        this.shutdownHook = new Thread(this::stopProcess, "moto-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Locates moto, starts it on a free port and waits until it answers HTTP.
     *
     * @throws MotoUnavailableException with a one-line message when moto cannot be found or
     *     installed
     * @throws IllegalStateException when moto was found but did not come up
     */
    public static MotoServer start() {
        Path targetDir = targetDirectory();
        List<String> command = locateMoto(targetDir);
        Path logFile = targetDir.resolve("moto-server.log");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        IllegalStateException lastFailure = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                Process process = launch(command, port, logFile);
                awaitReady(process, port, logFile, http);
                return new MotoServer(process, port, logFile, http);
            } catch (PortTakenException e) {
                // Another process grabbed the probed port between probe and bind; try a new one.
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return port;
    }

    /** Where moto's stdout and stderr go. */
    public Path logFile() {
        return logFile;
    }

    /** Drops all emulated state (users, roles, budgets...); managed policies are reloaded. */
    public void reset() {
        HttpRequest request =
                HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "moto reset answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto reset failed, see " + logFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting moto", e);
        }
    }

    public IamClient iam() {
        return iam(endpoint);
    }

    /** An IAM client talking to {@code target}, e.g. a {@link MutationProxy} in front of moto. */
    public IamClient iam(URI target) {
        // AWS_GLOBAL is IAM's real partition-global region; the SDK signs it as us-east-1.
        return configure(IamClient.builder(), target).region(Region.AWS_GLOBAL).build();
    }

    public StsClient sts() {
        return sts(endpoint);
    }

    public StsClient sts(URI target) {
        return configure(StsClient.builder(), target).build();
    }

    public BudgetsClient budgets() {
        return budgets(endpoint);
    }

    public BudgetsClient budgets(URI target) {
        return configure(BudgetsClient.builder(), target).build();
    }

    /**
     * Points any sync SDK client builder at {@code target} with fake credentials, us-east-1 and the
     * URL connection HTTP client; callers may still change e.g. the retry strategy.
     */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(
            B builder, URI target) {
        return builder.endpointOverride(target)
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(
                                        FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY)))
                .httpClientBuilder(
                        UrlConnectionHttpClient.builder()
                                .connectionTimeout(Duration.ofSeconds(2))
                                .socketTimeout(Duration.ofSeconds(30)));
    }

    /**
     * Environment for a child process under test, so its default credential chain resolves to fake
     * keys and can never pick up a developer's real AWS profile.
     */
    public Map<String, String> fakeCredentialEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", FAKE_ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", FAKE_SECRET_ACCESS_KEY);
        env.put("AWS_REGION", REGION);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        // Non-existent files: the real ~/.aws config must not leak a profile, role or endpoint.
        Path missing = targetDirectory().resolve("no-such-aws-config");
        env.put("AWS_CONFIG_FILE", missing.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", missing.toString());
        return env;
    }

    /** Stops moto; safe to call more than once. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook is running or has run.
        }
    }

    private void stopProcess() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        // Descendants first: a wrapper script (pyenv shim, venv launcher) may not exec python.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path targetDirectory() {
        // Surefire sets basedir; fall back to the working directory, which Maven sets to it too.
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        Path target = Path.of(base, "target");
        try {
            return Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command prefix that runs moto, without host/port arguments. */
    private static List<String> locateMoto(Path targetDir) {
        Optional<Path> onPath = findOnPath("moto_server");
        if (onPath.isPresent()) {
            return List.of(onPath.get().toString());
        }
        Optional<Path> python = findOnPath("python3");
        if (python.isEmpty()) {
            throw new MotoUnavailableException(
                    "moto not found: no moto_server and no python3 on PATH; install Python 3, then"
                            + " run: "
                            + INSTALL_HINT);
        }
        List<String> importMoto = List.of(python.get().toString(), "-c", "import moto.server");
        if (run(null, Duration.ofSeconds(60), importMoto)) {
            return List.of(python.get().toString(), "-m", "moto.server");
        }
        Path venv = targetDir.resolve("moto-venv");
        Path venvMoto = venv.resolve("bin").resolve("moto_server");
        if (!Files.isExecutable(venvMoto)) {
            installIntoVenv(python.get(), venv, targetDir.resolve("moto-venv-install.log"));
        }
        return List.of(venvMoto.toString());
    }

    private static void installIntoVenv(Path python, Path venv, Path installLog) {
        if (!pypiReachable() && !pipHasLocalSources(python)) {
            throw new MotoUnavailableException(
                    "moto not found: no moto_server on PATH, python3 cannot import moto.server and"
                            + " PyPI is unreachable; run: "
                            + INSTALL_HINT);
        }
        String venvPython = venv.resolve("bin").resolve("python").toString();
        List<String> createVenv = List.of(python.toString(), "-m", "venv", venv.toString());
        List<String> pipInstall = List.of(venvPython, "-m", "pip", "install", "moto[server]");
        boolean installed =
                run(installLog, Duration.ofMinutes(1), createVenv)
                        && run(installLog, PIP_TIMEOUT, pipInstall);
        if (!installed) {
            throw new MotoUnavailableException(
                    "moto not found: installing it into "
                            + venv
                            + " failed or took over "
                            + PIP_TIMEOUT.toMinutes()
                            + " min (see "
                            + installLog
                            + "); run: "
                            + INSTALL_HINT);
        }
    }

    private static boolean pypiReachable() {
        String index =
                Optional.ofNullable(System.getenv("PIP_INDEX_URL"))
                        .orElse("https://pypi.org/simple/");
        try {
            HttpClient client =
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(index))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether pip is configured with a mirror or wheel directory that may hold moto. */
    private static boolean pipHasLocalSources(Path python) {
        ProcessBuilder builder =
                new ProcessBuilder(python.toString(), "-m", "pip", "config", "list")
                        .redirectErrorStream(true);
        try {
            Process process = builder.start();
            String config = new String(process.getInputStream().readAllBytes(), UTF_8);
            return process.waitFor(30, TimeUnit.SECONDS)
                    && process.exitValue() == 0
                    && (config.contains("index-url") || config.contains("find-links"));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Process launch(List<String> command, int port, Path logFile) {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Managed policies such as AdministratorAccess only exist in moto with this flag.
        builder.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
        // Unbuffered so the log tail is complete when moto dies during startup.
        builder.environment().put("PYTHONUNBUFFERED", "1");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + full + ": " + e.getMessage(), e);
        }
    }

    private static void awaitReady(Process process, int port, Path logFile, HttpClient http) {
        HttpRequest probe =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/moto-api/"))
                        .timeout(Duration.ofSeconds(2))
                        .GET()
                        .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = tail(logFile, 20);
                if (tail.contains("Address already in use")) {
                    throw new PortTakenException(tail);
                }
                throw new IllegalStateException(
                        "moto_server exited with code "
                                + process.exitValue()
                                + " during startup; last lines of "
                                + logFile
                                + ":\n"
                                + tail);
            }
            try {
                int status = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 500) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
            sleep(Duration.ofMillis(100));
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(
                "moto_server did not answer on port "
                        + port
                        + " within "
                        + READY_TIMEOUT.toSeconds()
                        + " s; last lines of "
                        + logFile
                        + ":\n"
                        + tail(logFile, 20));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> findOnPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs a helper command, appending its output to {@code log} (or discarding it). */
    private static boolean run(Path log, Duration limit, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(
                log == null
                        ? ProcessBuilder.Redirect.DISCARD
                        : ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto", e);
        }
    }

    /** Moto is neither installed nor installable here; the message is one line with the fix. */
    public static final class MotoUnavailableException extends IllegalStateException {
        MotoUnavailableException(String message) {
            super(message);
        }
    }

    /** The probed port was taken before moto could bind it. */
    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
