package dev.awsbootstrap.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Builds the AWS SDK clients, each only when a step first needs it, all sharing one HTTP client,
 * one set of credentials, the endpoint override and the {@link ChangeGuard}.
 *
 * <p>Every client retries with the SDK's standard retry strategy ({@link
 * AwsRetryStrategy#standardRetryStrategy()}), raised from 3 to {@link #MAX_ATTEMPTS} attempts:
 *
 * <ul>
 *   <li>What is retried: throttling (codes such as {@code Throttling}, {@code ThrottlingException},
 *       {@code TooManyRequestsException}, and any HTTP 429), HTTP 500, 502, 503 and 504, transient
 *       codes ({@code InternalError}, {@code RequestTimeout}), a clock-skew error once the SDK has
 *       corrected its clock, and I/O failures: a refused, reset or closed connection and a read or
 *       attempt timeout. Nothing else is: {@code AccessDenied}, {@code InvalidClientTokenId},
 *       {@code ExpiredToken} or a validation error fail at once, since sending them again cannot
 *       help; {@link AwsErrors} then says what to do.
 *   <li>Backoff: exponential with full jitter, up to 100 ms, 200 ms, 400 ms, 800 ms before attempts
 *       2 to 5 after a 5xx or I/O failure, and from 1 s (1, 2, 4, 8 s) after throttling, each
 *       capped at 20 s. Throttling so waits at most 15 s in all, 7.5 s on average.
 *   <li>Why five: IAM throttles bursts of calls, and a run sends some 40 (22 of them changes on a
 *       new account) within seconds; four retries spread over up to 15 s ride out such a burst and
 *       a failover of a few seconds, while a real outage is still reported within the two minutes
 *       of the call timeout rather than hidden behind more waiting.
 *   <li>The retry token bucket (circuit breaker) stays on, as the SDK sets it: it holds 500 tokens
 *       per client, a retry takes 5 and a retry that succeeds gives them back. The wizard sends one
 *       call at a time, so at most 4 retries, 20 tokens, are out at once: the bucket never runs dry
 *       in a run (AwsFaultsIT faults the first attempt of every call of a run, AwsClientsRetryTest
 *       105 calls in a row on one client), and it still stops a client that meets nothing but
 *       failures from retrying every call.
 *   <li>Timeouts ({@link Timeouts#DEFAULTS}): 10 s to connect, 30 s without a byte of an answer
 *       (socket), 30 s for one attempt, 2 min for a call with all its retries. IAM answers in well
 *       under a second; 30 s allows for a slow network without letting a dead connection hold the
 *       run for long, and the 2 min cap bounds any one call, retries included.
 * </ul>
 */
public final class AwsClients implements AutoCloseable {
    /** Five attempts with the SDK's standard backoff; see the class comment for why. */
    static final int MAX_ATTEMPTS = 5;

    /**
     * How long the clients wait.
     *
     * @param connect to open a connection
     * @param socket for the next bytes of an answer, i.e. the read timeout
     * @param attempt for one attempt, from sending to the last byte of the answer
     * @param call for a call, all attempts and backoff included
     */
    record Timeouts(Duration connect, Duration socket, Duration attempt, Duration call) {
        /** The timeouts of a real run. */
        static final Timeouts DEFAULTS =
                new Timeouts(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(2));
    }

    private final AwsSettings settings;
    private final Timeouts timeouts;
    private SdkHttpClient httpClient;
    private AwsCredentialsProvider credentials;
    private IamClient iam;
    private StsClient sts;
    private GetCallerIdentityResponse callerIdentity;
    private BudgetsClient budgets;
    private AccountClient account;
    private final List<StsClient> otherSts = new ArrayList<>();
    private String lastOperation = "";

    public AwsClients(AwsSettings settings) {
        this(settings, null, Timeouts.DEFAULTS);
    }

    /** Clients that use {@code credentials} instead of looking for them, as tests need. */
    public AwsClients(AwsSettings settings, AwsCredentialsProvider credentials) {
        this(settings, credentials, Timeouts.DEFAULTS);
    }

    /**
     * Clients with other timeouts, for tests that make a read time out in seconds.
     *
     * @param credentials the credentials to use, or null to look for them
     */
    AwsClients(AwsSettings settings, AwsCredentialsProvider credentials, Timeouts timeouts) {
        this.settings = settings;
        this.credentials = credentials;
        this.timeouts = timeouts;
    }

    public AwsSettings settings() {
        return settings;
    }

    public synchronized IamClient iam() {
        if (iam == null) {
            iam = configure(IamClient.builder(), Region.AWS_GLOBAL).build();
        }
        return iam;
    }

    /**
     * Who the run's credentials belong to: sts:GetCallerIdentity, asked once per run however many
     * places need the answer.
     */
    public synchronized GetCallerIdentityResponse callerIdentity() {
        if (callerIdentity == null) {
            callerIdentity = sts().getCallerIdentity();
        }
        return callerIdentity;
    }

    public synchronized StsClient sts() {
        if (sts == null) {
            sts = configure(StsClient.builder(), region()).build();
        }
        return sts;
    }

    /**
     * An STS client that signs with {@code credentials} instead of the run's own, in {@code
     * region}: for checking what other credentials, such as a new user's key, can do. It shares the
     * endpoint, the HTTP client and the guard, and is closed with the others.
     */
    public synchronized StsClient stsWith(AwsCredentialsProvider credentials, Region region) {
        StsClient client =
                configure(StsClient.builder(), region).credentialsProvider(credentials).build();
        otherSts.add(client);
        return client;
    }

    public synchronized BudgetsClient budgets() {
        if (budgets == null) {
            budgets = configure(BudgetsClient.builder(), Region.US_EAST_1).build();
        }
        return budgets;
    }

    public synchronized AccountClient account() {
        if (account == null) {
            account = configure(AccountClient.builder(), Region.US_EAST_1).build();
        }
        return account;
    }

    /** The credentials the clients would use, or empty when none can be found. */
    public Optional<AwsCredentials> findCredentials() {
        try {
            return Optional.of(credentialsProvider().resolveCredentials());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    /** The region for regional services: the option, the environment, the profile, us-east-1. */
    public Region region() {
        if (settings.region().isPresent()) {
            return Region.of(settings.region().get());
        }
        try {
            return new AwsRegionProviderChain(
                            new SystemSettingsRegionProvider(),
                            new AwsProfileRegionProvider(null, settings.profile().orElse(null)))
                    .getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }

    /** The last operation sent, as {@code iam:CreateRole}, for error messages. */
    public String lastOperation() {
        return lastOperation;
    }

    void recordOperation(String service, String operation) {
        lastOperation = service.toLowerCase(Locale.ROOT) + ":" + operation;
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region region) {
        ClientOverrideConfiguration.Builder override =
                ClientOverrideConfiguration.builder()
                        .retryStrategy(
                                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                        .maxAttempts(MAX_ATTEMPTS)
                                        .build())
                        .apiCallAttemptTimeout(timeouts.attempt())
                        .apiCallTimeout(timeouts.call())
                        .addExecutionInterceptor(new OperationRecorder())
                        .addExecutionInterceptor(new ChangeGuard(settings.dryRun()));
        builder.credentialsProvider(credentialsProvider())
                .region(region)
                .overrideConfiguration(override.build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(httpClient());
        }
        return builder;
    }

    private synchronized SdkHttpClient httpClient() {
        if (httpClient == null) {
            httpClient =
                    UrlConnectionHttpClient.builder()
                            .connectionTimeout(timeouts.connect())
                            .socketTimeout(timeouts.socket())
                            .build();
        }
        return httpClient;
    }

    private synchronized AwsCredentialsProvider credentialsProvider() {
        if (credentials == null) {
            credentials = buildCredentialsProvider();
        }
        return credentials;
    }

    private AwsCredentialsProvider buildCredentialsProvider() {
        if (settings.profile().isPresent()) {
            return ProfileCredentialsProvider.builder()
                    .profileName(settings.profile().get())
                    .build();
        }
        if (settings.dryRun()) {
            // A dry run must answer in seconds on a laptop with no credentials, so it skips the
            // instance-metadata probe, which waits for a network answer that never comes there.
            return AwsCredentialsProviderChain.of(
                    EnvironmentVariableCredentialsProvider.create(),
                    SystemPropertyCredentialsProvider.create(),
                    WebIdentityTokenFileCredentialsProvider.create(),
                    ProfileCredentialsProvider.create(),
                    ContainerCredentialsProvider.builder().build());
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public synchronized void close() {
        closeQuietly(iam);
        closeQuietly(sts);
        closeQuietly(budgets);
        closeQuietly(account);
        otherSts.forEach(AwsClients::closeQuietly);
        closeQuietly(httpClient);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing a client only frees connections; a failure here changes nothing for the run.
        }
    }

    /** Remembers the operation being sent so that a failure can name it. */
    private final class OperationRecorder implements ExecutionInterceptor {
        @Override
        public void beforeExecution(
                Context.BeforeExecution context, ExecutionAttributes attributes) {
            recordOperation(
                    attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }
}
