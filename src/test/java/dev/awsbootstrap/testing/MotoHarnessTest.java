package dev.awsbootstrap.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.budgets.model.TimeUnit;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.sts.StsClient;

/** Proves the moto harness: shared server, per-test reset, proxy recording and kill switch. */
@ExtendWith(MotoExtension.class)
class MotoHarnessTest {

    private static final String ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";

    private final MotoServer moto;
    private IamClient iam;

    MotoHarnessTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void clients(MotoServer injected) {
        // The same JVM-wide instance reaches constructors and lifecycle methods alike.
        assertThat(injected).isSameAs(moto);
        iam = moto.iam();
    }

    @Test
    void managedAdministratorAccessPolicyExists() {
        Policy policy = iam.getPolicy(r -> r.policyArn(ADMIN_POLICY)).policy();

        assertThat(policy.policyName()).isEqualTo("AdministratorAccess");
        assertThat(policy.arn()).isEqualTo(ADMIN_POLICY);
        assertThat(moto.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(moto.endpoint().getPort()).isEqualTo(moto.port());
    }

    @RepeatedTest(2)
    void everyTestStartsWithoutUsers() {
        // Whichever repetition runs second only passes if the extension reset moto in between.
        assertThat(iam.listUsers().users()).isEmpty();

        iam.createUser(r -> r.userName("alice"));

        assertThat(iam.listUsers().users()).hasSize(1);
    }

    @Test
    void resetDropsCreatedUsersButKeepsManagedPolicies() {
        iam.createUser(r -> r.userName("alice"));

        moto.reset();

        assertThatThrownBy(() -> iam.getUser(r -> r.userName("alice")))
                .isInstanceOf(NoSuchEntityException.class);
        assertThat(iam.getPolicy(r -> r.policyArn(ADMIN_POLICY)).policy().policyName())
                .isEqualTo("AdministratorAccess");
    }

    @Test
    void proxyForwardsIamCallsAndRecordsOnlyTheMutation() {
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint());
                IamClient proxied = moto.iam(proxy.endpoint())) {
            proxied.createUser(r -> r.userName("bob"));
            String arn = proxied.getUser(r -> r.userName("bob")).user().arn();

            assertThat(arn).endsWith(":user/bob");
            assertThat(proxy.operations()).containsExactly("CreateUser", "GetUser");
            assertThat(proxy.mutations()).containsExactly("CreateUser");
            assertThat(proxy.mutationCount()).isEqualTo(1);

            proxy.clear();
            assertThat(proxy.operations()).isEmpty();
            assertThat(proxy.mutationCount()).isZero();
        }
    }

    @Test
    void proxyClassifiesStsQueryAndBudgetsJsonCalls() {
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint());
                StsClient sts = moto.sts(proxy.endpoint());
                BudgetsClient budgets = moto.budgets(proxy.endpoint())) {
            String account = sts.getCallerIdentity().account();
            Budget budget =
                    Budget.builder()
                            .budgetName("monthly")
                            .budgetType(BudgetType.COST)
                            .timeUnit(TimeUnit.MONTHLY)
                            .budgetLimit(Spend.builder().amount(BigDecimal.TEN).unit("USD").build())
                            .build();
            budgets.createBudget(r -> r.accountId(account).budget(budget));

            assertThat(budgets.describeBudgets(r -> r.accountId(account)).budgets())
                    .extracting(Budget::budgetName)
                    .containsExactly("monthly");
            assertThat(proxy.operations())
                    .containsExactly("GetCallerIdentity", "CreateBudget", "DescribeBudgets");
            assertThat(proxy.mutations()).containsExactly("CreateBudget");
        }
    }

    @Test
    void proxyForwardsMotoApiWithoutCountingIt() throws IOException, InterruptedException {
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    proxy.endpoint().resolve("/moto-api/reset"))
                                            .POST(HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("ok");
            assertThat(proxy.operations()).isEmpty();
        }
    }

    @Test
    void killAfterMutationRunsActionOnceMotoAppliedTheChange() {
        AtomicInteger actionRuns = new AtomicInteger();
        AtomicBoolean userExistedDuringAction = new AtomicBoolean();
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint());
                IamClient proxied =
                        MotoServer.configure(IamClient.builder(), proxy.endpoint())
                                .overrideConfiguration(
                                        c ->
                                                c.retryStrategy(AwsRetryStrategy.doNotRetry())
                                                        .apiCallTimeout(Duration.ofSeconds(10)))
                                .build()) {
            proxy.killAfterMutation(
                    1,
                    () -> {
                        actionRuns.incrementAndGet();
                        // Ask moto directly, bypassing the proxy, what it has applied so far.
                        userExistedDuringAction.set(
                                !iam.listUsers().users().isEmpty()
                                        && iam.getUser(r -> r.userName("carol"))
                                                .user()
                                                .userName()
                                                .equals("carol"));
                    });

            assertThatThrownBy(() -> proxied.createUser(r -> r.userName("carol")))
                    .isInstanceOf(SdkClientException.class);

            assertThat(actionRuns).hasValue(1);
            assertThat(userExistedDuringAction).isTrue();
            assertThat(iam.getUser(r -> r.userName("carol")).user().userName()).isEqualTo("carol");
            assertThat(proxy.mutations()).containsExactly("CreateUser");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "CreateRole, true",
        "AttachRolePolicy, true",
        "CreateBudget, true",
        "PutAlternateContact, true",
        "POST /putAlternateContact, true",
        "GetUser, false",
        "ListRoles, false",
        "DescribeBudgets, false",
        "SimulatePrincipalPolicy, false",
        "SimulateCustomPolicy, false",
        "POST /getAlternateContact, false",
        "GET /some/resource, false",
    })
    void classifiesOperationsAsMutatingOrNot(String operation, boolean mutating) {
        assertThat(MutationProxy.isMutating(operation)).isEqualTo(mutating);
    }

    @Test
    void childProcessEnvironmentUsesOnlyFakeCredentials() {
        assertThat(moto.fakeCredentialEnv())
                .containsEntry("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
                .containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("AWS_EC2_METADATA_DISABLED", "true");
    }
}
