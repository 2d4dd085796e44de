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

/**
 * Builds the AWS SDK clients, each only when a step first needs it, all sharing one HTTP client,
 * one set of credentials, the endpoint override and the {@link ChangeGuard}.
 */
public final class AwsClients implements AutoCloseable {
    /**
     * Five attempts with the SDK's standard backoff: enough to ride out throttling of a burst of
     * IAM calls, few enough that a real outage is reported within a minute.
     */
    static final int MAX_ATTEMPTS = 5;

    private final AwsSettings settings;
    private SdkHttpClient httpClient;
    private AwsCredentialsProvider credentials;
    private IamClient iam;
    private StsClient sts;
    private BudgetsClient budgets;
    private AccountClient account;
    private final List<StsClient> otherSts = new ArrayList<>();
    private String lastOperation = "";

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
    }

    /** Clients that use {@code credentials} instead of looking for them, as tests need. */
    public AwsClients(AwsSettings settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.credentials = credentials;
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
                        .apiCallAttemptTimeout(Duration.ofSeconds(30))
                        .apiCallTimeout(Duration.ofMinutes(2))
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
                            .connectionTimeout(Duration.ofSeconds(10))
                            .socketTimeout(Duration.ofSeconds(30))
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
