package dev.awsbootstrap.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP proxy in front of moto that records AWS operations, can drop a mutation's reply, and can
 * inject AWS faults (see {@link Fault}) before a request reaches moto.
 *
 * <p>A call is recognised across its attempts by the SDK's {@code amz-sdk-invocation-id} header,
 * which stays the same when the SDK (or the JDK's HTTP client) sends a request again. Faults are
 * decided before forwarding, so a faulted attempt changes nothing in moto and is missing from
 * {@link #operations()} and {@link #mutations()}; {@link #attempts()} lists every request.
 */
public final class MutationProxy implements AutoCloseable {

    /** Headers that describe one hop, or that the forwarding client must compute itself. */
    private static final Set<String> NOT_FORWARDED =
            Set.of(
                    "connection",
                    "keep-alive",
                    "proxy-authenticate",
                    "proxy-authorization",
                    "proxy-connection",
                    "te",
                    "trailer",
                    "transfer-encoding",
                    "upgrade",
                    "host",
                    "content-length",
                    "expect");

    private static final Set<String> READ_ONLY_EXCEPTIONS =
            Set.of("simulateprincipalpolicy", "simulatecustompolicy", "assumerole");

    // One client for all proxies: JDK 17 HttpClients cannot be closed and each owns a thread.
    private static final HttpClient FORWARDER =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor;

    // Guarded by this.
    private final List<String> operations = new ArrayList<>();
    private final List<String> mutations = new ArrayList<>();
    private final List<Reply> replies = new ArrayList<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private final Set<String> seenCalls = new HashSet<>();
    private final Map<String, Integer> callsByOperation = new HashMap<>();
    private KillSwitch killSwitch;
    private FaultRule faultRule;
    private int requestsWithoutId;

    private MutationProxy(URI target) {
        this.target = target;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicInteger threads = new AtomicInteger();
        // Several threads so a request blocked in a kill action does not stall the others.
        this.executor =
                Executors.newCachedThreadPool(
                        runnable -> {
                            Thread thread =
                                    new Thread(
                                            runnable,
                                            "mutation-proxy-" + threads.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a proxy on a free 127.0.0.1 port forwarding to {@code target}, e.g. moto. */
    public static MutationProxy start(URI target) {
        return new MutationProxy(target);
    }

    /** Where clients under test should send their AWS requests. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every AWS operation seen so far, in arrival order. */
    public synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    /** The mutating subset of {@link #operations()}, in arrival order. */
    public synchronized List<String> mutations() {
        return List.copyOf(mutations);
    }

    /**
     * The bodies of moto's answers to {@code operation}, in order: what the client was told, such
     * as the secret access key in a CreateAccessKey answer, for tests that hunt for secrets.
     */
    public synchronized List<String> replies(String operation) {
        return replies.stream()
                .filter(reply -> reply.operation().equals(operation))
                .map(Reply::body)
                .toList();
    }

    public synchronized int mutationCount() {
        return mutations.size();
    }

    /**
     * Every request for an AWS operation, in arrival order, faulted or forwarded: what the client
     * sent, as opposed to {@link #operations()}, what moto saw.
     */
    public synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /**
     * Forgets recorded operations and attempts; an armed kill switch then counts from 1 again.
     * Armed faults stay armed.
     */
    public synchronized void clear() {
        operations.clear();
        mutations.clear();
        replies.clear();
        attempts.clear();
    }

    /**
     * Faults the first attempt of every call from now on, taking the faults of {@code cycle} in
     * turn; the calls' later attempts are forwarded.
     */
    public synchronized void faultFirstAttemptOfEachCall(List<Fault> cycle) {
        if (cycle.isEmpty()) {
            throw new IllegalArgumentException("no fault to inject");
        }
        List<Fault> faults = List.copyOf(cycle);
        int[] next = {0};
        faultRule =
                (operation, firstAttempt, call) -> {
                    if (!firstAttempt) {
                        return Optional.empty();
                    }
                    return Optional.of(faults.get(next[0]++ % faults.size()));
                };
    }

    /**
     * Faults the first attempt of the {@code n}-th call (counting from 1) of {@code operation}, as
     * {@code CreateRole}; its later attempts and all other calls are forwarded.
     */
    public synchronized void faultCall(String operation, int n, Fault fault) {
        if (n < 1) {
            throw new IllegalArgumentException("calls are counted from 1, got " + n);
        }
        faultRule =
                (op, firstAttempt, call) ->
                        op.equals(operation) && firstAttempt && call == n
                                ? Optional.of(fault)
                                : Optional.empty();
    }

    /** Faults every attempt of every call of {@code operation} until {@link #clearFaults()}. */
    public synchronized void faultEveryAttempt(String operation, Fault fault) {
        faultRule =
                (op, firstAttempt, call) ->
                        op.equals(operation) ? Optional.of(fault) : Optional.empty();
    }

    /** Forwards every request from now on. */
    public synchronized void clearFaults() {
        faultRule = null;
    }

    /**
     * Once the {@code n}-th mutation (counting from 1, since creation or {@link #clear()}) has been
     * answered by moto, runs {@code action} and drops the connection without a response.
     *
     * <p>Meant to SIGKILL a child process under test. The action should return only once the
     * process is dead (e.g. {@code process.destroyForcibly().waitFor()}): a client still alive sees
     * "Unexpected end of file from server" and its SDK retry strategy would re-send the call. Fires
     * at most once.
     */
    public synchronized void killAfterMutation(int n, Runnable action) {
        if (n < 1) {
            throw new IllegalArgumentException("mutations are counted from 1, got " + n);
        }
        killSwitch = new KillSwitch(n, action);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * One request the proxy received.
     *
     * @param operation the AWS operation, as {@code CreateRole}
     * @param invocationId the call it belongs to: the same for every attempt of one call
     * @param sdkAttempt the SDK's own {@code amz-sdk-request} header, such as {@code attempt=2;
     *     max=5}, or empty
     * @param fault the fault the request got instead of reaching moto, or empty when forwarded
     */
    public record Attempt(
            String operation, String invocationId, String sdkAttempt, Optional<Fault> fault) {}

    /** What to do with one request. */
    private sealed interface Plan {
        /** Pass the request to moto and its answer back to the client. */
        record Forward() implements Plan {}

        /** Pass the request to moto, run the action, then drop the client's connection. */
        record ForwardThenAbort(Runnable action) implements Plan {}

        /** Do not forward: answer with the fault, or drop the connection as it says. */
        record Fail(Fault fault) implements Plan {}
    }

    /** Picks the fault of one request, if any. */
    private interface FaultRule {
        /**
         * @param firstAttempt whether this is the first request of its call
         * @param call which call of {@code operation} this is, counting from 1
         */
        Optional<Fault> faultFor(String operation, boolean firstAttempt, int call);
    }

    private record KillSwitch(int atMutation, Runnable action) {}

    /** The wire format of a request, which an injected error reply must follow. */
    private enum Protocol {
        QUERY,
        JSON,
        REST_JSON
    }

    private record Reply(String operation, String body) {}

    /** The single place that records a request and decides its fate. */
    private synchronized Plan decide(Optional<String> operation, Headers headers) {
        if (operation.isEmpty()) {
            return new Plan.Forward();
        }
        String invocationId =
                Optional.ofNullable(headers.getFirst("amz-sdk-invocation-id"))
                        .orElseGet(() -> "no-invocation-id-" + ++requestsWithoutId);
        boolean firstAttempt = seenCalls.add(invocationId);
        int call =
                firstAttempt
                        ? callsByOperation.merge(operation.get(), 1, Integer::sum)
                        : callsByOperation.getOrDefault(operation.get(), 0);
        Optional<Fault> fault =
                faultRule == null
                        ? Optional.empty()
                        : faultRule.faultFor(operation.get(), firstAttempt, call);
        String sdkAttempt = Optional.ofNullable(headers.getFirst("amz-sdk-request")).orElse("");
        attempts.add(new Attempt(operation.get(), invocationId, sdkAttempt, fault));
        if (fault.isPresent()) {
            return new Plan.Fail(fault.get());
        }
        operations.add(operation.get());
        if (!isMutating(operation.get())) {
            return new Plan.Forward();
        }
        mutations.add(operation.get());
        if (killSwitch != null && mutations.size() == killSwitch.atMutation()) {
            Runnable action = killSwitch.action();
            killSwitch = null;
            return new Plan.ForwardThenAbort(action);
        }
        return new Plan.Forward();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Optional<String> operation = operationName(exchange, body);
            Plan plan = decide(operation, exchange.getRequestHeaders());
            if (plan instanceof Plan.Fail fail) {
                inject(exchange, fail.fault(), protocol(exchange, body));
                return;
            }
            HttpResponse<byte[]> response;
            try {
                response = forward(exchange, body);
            } catch (IOException e) {
                byte[] reason = e.toString().getBytes(StandardCharsets.UTF_8);
                respond(exchange, 502, Map.of(), reason);
                return;
            }
            operation.filter(MutationProxy::isMutating).ifPresent(op -> record(op, response));
            if (plan instanceof Plan.ForwardThenAbort abort) {
                abort.action().run();
                // Closing before sendResponseHeaders makes the JDK server drop the connection.
                return;
            }
            respond(exchange, response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** Answers with {@code fault} in the request's protocol, or drops the connection. */
    private void inject(HttpExchange exchange, Fault fault, Protocol protocol)
            throws IOException, InterruptedException {
        if (!fault.hold().isZero()) {
            Thread.sleep(fault.hold().toMillis());
        }
        if (fault.dropConnection()) {
            // Closing before sendResponseHeaders makes the JDK server drop the connection.
            return;
        }
        String requestId = "fault-" + System.nanoTime();
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("x-amzn-RequestId", List.of(requestId));
        String body;
        if (fault.queryCode() == null) {
            headers.put("Content-Type", List.of("text/plain"));
            body = fault.message();
        } else if (protocol == Protocol.QUERY) {
            headers.put("Content-Type", List.of("text/xml"));
            body =
                    "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error>"
                            + "<Type>"
                            + (fault.status() >= 500 ? "Receiver" : "Sender")
                            + "</Type><Code>"
                            + fault.queryCode()
                            + "</Code><Message>"
                            + xmlEscape(fault.message())
                            + "</Message></Error><RequestId>"
                            + requestId
                            + "</RequestId></ErrorResponse>";
        } else {
            headers.put(
                    "Content-Type",
                    List.of(
                            protocol == Protocol.JSON
                                    ? "application/x-amz-json-1.1"
                                    : "application/json"));
            if (protocol == Protocol.REST_JSON) {
                headers.put("x-amzn-ErrorType", List.of(fault.jsonCode()));
            }
            body =
                    "{\"__type\":\""
                            + fault.jsonCode()
                            + "\",\"message\":\""
                            + fault.message().replace("\"", "\\\"")
                            + "\"}";
        }
        respond(exchange, fault.status(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Protocol protocol(HttpExchange exchange, byte[] body) {
        if (exchange.getRequestHeaders().getFirst("X-Amz-Target") != null) {
            return Protocol.JSON;
        }
        URI uri = exchange.getRequestURI();
        if (formParameter(uri.getRawQuery(), "Action").isPresent()
                || formParameter(new String(body, StandardCharsets.UTF_8), "Action").isPresent()) {
            return Protocol.QUERY;
        }
        return Protocol.REST_JSON;
    }

    private synchronized void record(String operation, HttpResponse<byte[]> response) {
        replies.add(new Reply(operation, new String(response.body(), StandardCharsets.UTF_8)));
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body)
            throws IOException, InterruptedException {
        URI incoming = exchange.getRequestURI();
        String pathAndQuery =
                incoming.getRawPath()
                        + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery());
        String base = target.toString().replaceAll("/+$", "");
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                        .timeout(Duration.ofSeconds(60))
                        .method(
                                exchange.getRequestMethod(),
                                body.length == 0
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!forwardable(header.getKey())) {
                continue;
            }
            for (String value : header.getValue()) {
                try {
                    request.header(header.getKey(), value);
                } catch (IllegalArgumentException e) {
                    // A header java.net.http refuses to set (restricted); moto does not need it.
                }
            }
        }
        return FORWARDER.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void respond(
            HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach(
                (name, values) -> {
                    if (forwardable(name)) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        // For the JDK server, -1 means "no body" while 0 would mean "chunked".
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static boolean forwardable(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return !NOT_FORWARDED.contains(name) && !name.startsWith(":");
    }

    /**
     * The AWS operation of a request: the query protocol's {@code Action} (IAM, STS), the JSON
     * protocol's {@code X-Amz-Target} (Budgets), else {@code "METHOD /path"} (REST services). Empty
     * for moto's own control API.
     */
    static Optional<String> operationName(HttpExchange exchange, byte[] body) {
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        if (path.startsWith("/moto-api")) {
            return Optional.empty();
        }
        Headers headers = exchange.getRequestHeaders();
        String amzTarget = headers.getFirst("X-Amz-Target");
        if (amzTarget != null) {
            return Optional.of(amzTarget.substring(amzTarget.lastIndexOf('.') + 1));
        }
        Optional<String> action = formParameter(uri.getRawQuery(), "Action");
        String contentType = Optional.ofNullable(headers.getFirst("Content-Type")).orElse("");
        if (action.isEmpty() && contentType.startsWith("application/x-www-form-urlencoded")) {
            action = formParameter(new String(body, StandardCharsets.UTF_8), "Action");
        }
        return Optional.of(action.orElse(exchange.getRequestMethod() + " " + path));
    }

    /**
     * Whether an operation may change AWS state. Names are taken as read-only when they start with
     * Get, List or Describe; for REST names ({@code "POST /getAlternateContact"}) GET and HEAD are
     * read-only and otherwise the last path segment is judged the same way.
     */
    static boolean isMutating(String operation) {
        String verb = operation;
        int space = operation.indexOf(' ');
        if (space >= 0) {
            String method = operation.substring(0, space);
            if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
                return false;
            }
            verb = operation.substring(operation.lastIndexOf('/') + 1);
        }
        String lower = verb.toLowerCase(Locale.ROOT);
        return !(lower.startsWith("get")
                || lower.startsWith("list")
                || lower.startsWith("describe")
                || READ_ONLY_EXCEPTIONS.contains(lower));
    }

    private static Optional<String> formParameter(String form, String name) {
        if (form == null || form.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                return Optional.of(URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
