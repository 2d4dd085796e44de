package dev.awsbootstrap.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.testing.Fault;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.MutationProxy;
import dev.awsbootstrap.testing.MutationProxy.Attempt;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetsRequest;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;

/**
 * The clients' retry settings against faults injected in front of moto: which failures are sent
 * again, and that a read that times out is retried. The timeouts are shortened here; a real run
 * waits 30 s for an answer, too long for a test.
 */
@ExtendWith(MotoExtension.class)
class AwsClientsRetryTest {
    /**
     * A 3 s read timeout: short for a test, yet with room for moto on a busy machine, as the
     * attempt after the fault must not time out too.
     */
    private static final AwsClients.Timeouts SHORT =
            new AwsClients.Timeouts(
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(3),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(60));

    /** A 1 s read timeout, for requests that never reach moto. */
    private static final AwsClients.Timeouts SHORTEST =
            new AwsClients.Timeouts(
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(30));

    static Stream<Fault> retryable() {
        return Stream.concat(
                Fault.quickRetryable().stream(),
                Stream.of(Fault.readTimeout(Duration.ofSeconds(6))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retryable")
    void aMutationWhoseFirstAttemptFailsIsSentAgainAndMadeOnce(Fault fault, MotoServer moto) {
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint());
                AwsClients clients = clients(proxy, SHORT)) {
            proxy.faultCall("CreateUser", 1, fault);

            Optional<CreateUserResponse> created = createUser(clients, "jane.bloggs");

            assertThat(created).isPresent();
            List<Attempt> attempts = proxy.attempts();
            assertThat(attempts).extracting(Attempt::operation).containsOnly("CreateUser");
            assertThat(attempts)
                    .as("one call")
                    .extracting(Attempt::invocationId)
                    .containsOnly(attempts.get(0).invocationId());
            assertThat(attempts)
                    .extracting(Attempt::fault)
                    .containsExactly(Optional.of(fault), Optional.empty());
            assertThat(attempts.get(1).sdkAttempt())
                    .as("the SDK, not only the JDK's HTTP client, sent it again")
                    .startsWith("attempt=2;");
            assertThat(proxy.mutations()).as("what moto saw").containsExactly("CreateUser");
        }
        assertThat(moto.iam().listUsers().users()).hasSize(1);
    }

    @Test
    void anAttemptThatOutlastsTheAttemptTimeoutIsSentAgain(MotoServer moto) {
        // The socket would wait 20 s; the attempt timeout of 3 s ends the attempt first.
        AwsClients.Timeouts attemptFirst =
                new AwsClients.Timeouts(
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(60));
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint());
                AwsClients clients = clients(proxy, attemptFirst)) {
            proxy.faultCall("CreateUser", 1, Fault.readTimeout(Duration.ofSeconds(6)));

            assertThat(createUser(clients, "jane.bloggs")).isPresent();

            assertThat(proxy.attempts())
                    .extracting(Attempt::sdkAttempt)
                    .satisfiesExactly(
                            first -> assertThat(first).startsWith("attempt=1;"),
                            second -> assertThat(second).startsWith("attempt=2;"));
            assertThat(proxy.mutations()).containsExactly("CreateUser");
        }
        assertThat(moto.iam().listUsers().users()).hasSize(1);
    }

    /** A read-only call of each client the wizard builds, named by its operation. */
    static Stream<Arguments> everyClient() {
        Function<AwsClients, Object> stsWithKey =
                clients ->
                        clients.stsWith(
                                        StaticCredentialsProvider.create(
                                                AwsBasicCredentials.create(
                                                        MotoServer.FAKE_ACCESS_KEY_ID,
                                                        MotoServer.FAKE_SECRET_ACCESS_KEY)),
                                        Region.of(MotoServer.REGION))
                                .getCallerIdentity();
        return Stream.of(
                Arguments.of("ListAccountAliases", named("iam", c -> c.iam().listAccountAliases())),
                Arguments.of("GetCallerIdentity", named("sts", c -> c.sts().getCallerIdentity())),
                Arguments.of("GetCallerIdentity", named("sts with a key", stsWithKey)),
                Arguments.of(
                        "DescribeBudgets",
                        named(
                                "budgets",
                                c ->
                                        c.budgets()
                                                .describeBudgets(
                                                        q -> q.accountId("123456789012")))));
    }

    private static Named<Function<AwsClients, Object>> named(
            String client, Function<AwsClients, Object> call) {
        return Named.of(client, call);
    }

    /**
     * Every client has the wizard's timeouts, not the SDK's defaults: the first attempt is held 8 s
     * by the proxy, and the client's own 3 s read timeout ends it and sends it again.
     */
    @ParameterizedTest(name = "{1}")
    @MethodSource("everyClient")
    void everyClientTimesOutAReadAndSendsItAgain(
            String operation, Function<AwsClients, Object> call, MotoServer moto) {
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint());
                AwsClients clients = clients(proxy, SHORT)) {
            proxy.faultCall(operation, 1, Fault.readTimeout(Duration.ofSeconds(8)));
            long started = System.nanoTime();

            assertThat(call.apply(clients)).isNotNull();

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(proxy.attempts())
                    .extracting(Attempt::operation, a -> a.fault().isPresent())
                    .containsExactly(tuple(operation, true), tuple(operation, false));
            assertThat(took).as("ended by the client's timeout").isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void aReadThatTimesOutOnEveryAttemptFailsAfterFiveWithOneLine(MotoServer moto) {
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint());
                AwsClients clients = clients(proxy, SHORTEST)) {
            proxy.faultEveryAttempt("DescribeBudgets", Fault.readTimeout(Duration.ofMillis(1_500)));
            long started = System.nanoTime();

            SdkException failure =
                    catchThrowableOfType(
                            SdkException.class,
                            () ->
                                    clients.budgets()
                                            .describeBudgets(
                                                    DescribeBudgetsRequest.builder()
                                                            .accountId("123456789012")
                                                            .build()));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(proxy.attempts()).hasSize(AwsClients.MAX_ATTEMPTS);
            assertThat(took)
                    .as("five 1 s timeouts and short backoffs")
                    .isLessThan(Duration.ofSeconds(15));
            BootstrapException described = AwsErrors.describe(failure, clients.lastOperation());
            assertThat(described.getMessage())
                    .startsWith("Could not reach AWS for budgets:DescribeBudgets (")
                    .endsWith("check the network, the proxy or --endpoint-url, then run again.")
                    .doesNotContain("\n");
        }
    }

    /**
     * The retry token bucket holds 500 tokens and a retry takes 5: were they not given back on
     * success, the 101st retried call would fail. One client retrying 105 calls in a row shows that
     * a run, which retries at most a few calls at a time, never empties it.
     */
    @Test
    void theRetryTokenBucketRefillsAsRetriedCallsSucceed(MotoServer moto) {
        int calls = 105;
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint());
                AwsClients clients = clients(proxy, AwsClients.Timeouts.DEFAULTS)) {
            proxy.faultFirstAttemptOfEachCall(List.of(Fault.internalError()));

            for (int i = 0; i < calls; i++) {
                clients.iam().listAccountAliases();
            }

            assertThat(proxy.attempts()).hasSize(2 * calls);
            assertThat(proxy.attempts().stream().filter(a -> a.fault().isPresent())).hasSize(calls);
        }
    }

    static Stream<Fault> notRetryable() {
        return Stream.of(
                Fault.error("AccessDenied", 403),
                Fault.error("InvalidClientTokenId", 403),
                Fault.error("ExpiredToken", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notRetryable")
    void aCredentialOrPermissionErrorIsNotSentAgain(Fault fault, MotoServer moto) {
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint());
                AwsClients clients = clients(proxy, AwsClients.Timeouts.DEFAULTS)) {
            proxy.faultEveryAttempt("CreateUser", fault);

            SdkException failure =
                    catchThrowableOfType(
                            SdkException.class, () -> createUser(clients, "jane.bloggs"));

            assertThat(failure).isNotNull();
            assertThat(proxy.attempts()).as("sent once").hasSize(1);
            assertThat(proxy.mutations()).as("moto saw nothing").isEmpty();
        }
        assertThat(moto.iam().listUsers().users()).isEmpty();
    }

    private static Optional<CreateUserResponse> createUser(AwsClients clients, String name) {
        AwsChanges changes = new AwsChanges(clients, false, command -> {});
        return changes.apply(
                AwsCall.iam(
                        CreateUserRequest.builder().userName(name).build(),
                        (iam, request) -> iam.createUser(request)));
    }

    private static AwsClients clients(MutationProxy proxy, AwsClients.Timeouts timeouts) {
        return new AwsClients(
                new AwsSettings(
                        Optional.empty(),
                        Optional.of(MotoServer.REGION),
                        Optional.of(proxy.endpoint()),
                        false),
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(
                                MotoServer.FAKE_ACCESS_KEY_ID, MotoServer.FAKE_SECRET_ACCESS_KEY)),
                timeouts);
    }
}
