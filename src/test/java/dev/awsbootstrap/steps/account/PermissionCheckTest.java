package dev.awsbootstrap.steps.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.steps.roles.RolesStep;
import dev.awsbootstrap.testing.TestAnswers;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.Account;
import dev.awsbootstrap.wizard.StepContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;

/** The permission check against a mocked IAM simulator: each decision, and each kind of caller. */
class PermissionCheckTest {
    private static final String ACCOUNT = TestContexts.ACCOUNT_ID;
    private static final String USER_ARN = "arn:aws:iam::" + ACCOUNT + ":user/ops/deployer";
    private static final Account USER = new Account(ACCOUNT, USER_ARN);

    @TempDir Path home;

    private final AwsClients clients = mock(AwsClients.class);
    private final IamClient iam = mock(IamClient.class);
    private final TestConsole console = TestConsole.nonInteractive();
    private final List<SimulatePrincipalPolicyRequest> requests = new ArrayList<>();

    /** The simulator's decision for each action; an action not listed is allowed. */
    private final Map<String, PolicyEvaluationDecisionType> decisions = new HashMap<>();

    /** Context keys the simulator reports missing for an action. */
    private final Map<String, List<String>> missing = new HashMap<>();

    private final Answers answers =
            TestAnswers.answers()
                    .user(new Answers.User("jane.bloggs", null, null, null, "jane-phone", null))
                    .budget(new Answers.Budget("Team-Budget", null, null, null, null))
                    .build();

    @BeforeEach
    void setUp() {
        when(clients.iam()).thenReturn(iam);
        when(clients.lastOperation()).thenReturn("iam:SimulatePrincipalPolicy");
        when(iam.simulatePrincipalPolicyPaginator(any(SimulatePrincipalPolicyRequest.class)))
                .thenCallRealMethod();
        when(iam.simulatePrincipalPolicy(any(SimulatePrincipalPolicyRequest.class)))
                .thenAnswer(call -> simulate(call.getArgument(0)));
    }

    private SimulatePrincipalPolicyResponse simulate(SimulatePrincipalPolicyRequest request) {
        requests.add(request);
        List<EvaluationResult> results = new ArrayList<>();
        for (String action : request.actionNames()) {
            PolicyEvaluationDecisionType decision =
                    decisions.getOrDefault(action, PolicyEvaluationDecisionType.ALLOWED);
            results.add(
                    EvaluationResult.builder()
                            .evalActionName(action)
                            .evalResourceName("*")
                            .evalDecision(decision)
                            .missingContextValues(missing.getOrDefault(action, List.of()))
                            .build());
        }
        return SimulatePrincipalPolicyResponse.builder()
                .evaluationResults(results)
                .isTruncated(false)
                .build();
    }

    @Test
    void anAllowedCallerGoesOnAfterOneSimulationPerKindOfResource() {
        check(realRun(), USER);

        assertThat(console.err()).contains("Permissions checked: " + USER_ARN);
        assertThat(requests).hasSize(5).allMatch(r -> r.policySourceArn().equals(USER_ARN));
        List<String> all = requests.stream().flatMap(r -> r.actionNames().stream()).toList();
        assertThat(all).as("no action is asked twice").doesNotHaveDuplicates();
        assertThat(all)
                .contains(
                        "iam:CreateAccountAlias",
                        "iam:CreateRole",
                        "iam:TagRole",
                        "iam:AttachRolePolicy",
                        "iam:CreateUser",
                        "iam:TagUser",
                        "iam:CreateVirtualMFADevice",
                        "iam:EnableMFADevice",
                        "iam:PutUserPolicy",
                        "iam:CreateAccessKey",
                        "budgets:ViewBudget",
                        "budgets:ModifyBudget",
                        "iam:GetAccountSummary")
                .doesNotContain("sts:GetCallerIdentity", "sts:AssumeRole");
        assertThat(resourcesOf("iam:CreateRole"))
                .containsExactlyElementsOf(
                        RolesStep.ROLE_NAMES.stream()
                                .map(role -> RolesStep.roleArn(ACCOUNT, role))
                                .toList());
        assertThat(resourcesOf("iam:CreateUser"))
                .containsExactly("arn:aws:iam::" + ACCOUNT + ":user/jane.bloggs");
        assertThat(resourcesOf("iam:CreateVirtualMFADevice"))
                .containsExactly("arn:aws:iam::" + ACCOUNT + ":mfa/jane-phone");
        assertThat(resourcesOf("budgets:ModifyBudget"))
                .containsExactly("arn:aws:budgets::" + ACCOUNT + ":budget/Team-Budget");
        assertThat(resourcesOf("iam:CreateAccountAlias")).as("account-wide: *").isEmpty();
    }

    @Test
    void implicitlyDeniedActionsStopARealRunOnOneLineNamingThemAll() {
        decisions.put("iam:CreateRole", PolicyEvaluationDecisionType.IMPLICIT_DENY);
        decisions.put("budgets:ModifyBudget", PolicyEvaluationDecisionType.IMPLICIT_DENY);

        StepContext context = realRun();
        assertThatThrownBy(() -> check(context, USER))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                            assertThat(e.getMessage())
                                    .doesNotContain("\n")
                                    .contains(USER_ARN)
                                    .contains("not allowed iam:CreateRole, budgets:ModifyBudget")
                                    .contains("AdministratorAccess")
                                    .contains("root user for the first run")
                                    .doesNotContain("explicit");
                        });
        assertThat(requests).as("every group is simulated before the verdict").hasSize(5);
    }

    @Test
    void anExplicitDenyIsNamedApartWithWhatItTakes() {
        decisions.put("iam:CreateUser", PolicyEvaluationDecisionType.IMPLICIT_DENY);
        decisions.put("iam:PutUserPolicy", PolicyEvaluationDecisionType.EXPLICIT_DENY);

        StepContext context = realRun();
        assertThatThrownBy(() -> check(context, USER))
                .isInstanceOf(BootstrapException.class)
                .hasMessageContaining("not allowed iam:CreateUser;")
                .hasMessageContaining("explicitly denied iam:PutUserPolicy")
                .hasMessageContaining("explicit Deny must first be lifted");
    }

    @Test
    void aDenialOnOneOfSeveralResourcesCounts() {
        when(iam.simulatePrincipalPolicy(any(SimulatePrincipalPolicyRequest.class)))
                .thenAnswer(
                        call -> {
                            SimulatePrincipalPolicyRequest request = call.getArgument(0);
                            SimulatePrincipalPolicyResponse response = simulate(request);
                            if (!request.actionNames().contains("iam:AttachRolePolicy")) {
                                return response;
                            }
                            return response.toBuilder()
                                    .evaluationResults(
                                            attachDeniedOnAdminRole(response.evaluationResults()))
                                    .build();
                        });

        StepContext context = realRun();
        assertThatThrownBy(() -> check(context, USER))
                .hasMessageContaining("not allowed iam:AttachRolePolicy.");
    }

    private static List<EvaluationResult> attachDeniedOnAdminRole(List<EvaluationResult> all) {
        List<EvaluationResult> results = new ArrayList<>();
        for (EvaluationResult result : all) {
            if (!result.evalActionName().equals("iam:AttachRolePolicy")) {
                results.add(result);
                continue;
            }
            results.add(
                    result.toBuilder()
                            .resourceSpecificResults(
                                    ResourceSpecificResult.builder()
                                            .evalResourceName(
                                                    RolesStep.roleArn(ACCOUNT, "AdminRole"))
                                            .evalResourceDecision(
                                                    PolicyEvaluationDecisionType.IMPLICIT_DENY)
                                            .build(),
                                    ResourceSpecificResult.builder()
                                            .evalResourceName(
                                                    RolesStep.roleArn(ACCOUNT, "DataEngineerRole"))
                                            .evalResourceDecision(
                                                    PolicyEvaluationDecisionType.ALLOWED)
                                            .build())
                            .build());
        }
        return results;
    }

    @Test
    void aDenialThatHangsOnMissingContextOnlyInforms() {
        decisions.put("iam:CreateRole", PolicyEvaluationDecisionType.IMPLICIT_DENY);
        missing.put("iam:CreateRole", List.of("aws:MultiFactorAuthPresent"));

        check(realRun(), USER);

        assertThat(console.err())
                .contains("Could not tell whether the caller may use iam:CreateRole")
                .contains("aws:MultiFactorAuthPresent")
                .contains("as far as the check can tell");
    }

    @Test
    void aDryRunWarnsOfMissingPermissionsInsteadOfFailing() {
        decisions.put("iam:CreateAccessKey", PolicyEvaluationDecisionType.IMPLICIT_DENY);

        check(TestContexts.dryRun(console, clients, home, new ArrayList<>()), USER);

        assertThat(console.err())
                .contains("A real run would stop before any change")
                .contains("not allowed iam:CreateAccessKey");
    }

    @Test
    void theRootUserIsNotChecked() {
        check(realRun(), new Account(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":root"));

        verifyNoInteractions(iam);
        assertThat(console.err()).isEmpty();
    }

    @Test
    void anAssumedRoleIsSimulatedAsItsRoleWithItsPath() {
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/platform/Deployer";
        when(iam.getRole(any(GetRoleRequest.class)))
                .thenReturn(
                        GetRoleResponse.builder()
                                .role(Role.builder().roleName("Deployer").arn(roleArn).build())
                                .build());
        Account session =
                new Account(
                        ACCOUNT, "arn:aws:sts::" + ACCOUNT + ":assumed-role/Deployer/jane-session");

        check(realRun(), session);

        verify(iam).getRole(GetRoleRequest.builder().roleName("Deployer").build());
        assertThat(requests).isNotEmpty().allMatch(r -> r.policySourceArn().equals(roleArn));
    }

    @Test
    void aFederatedCallerIsSkippedWithOneLine() {
        check(realRun(), new Account(ACCOUNT, "arn:aws:sts::" + ACCOUNT + ":federated-user/jane"));

        verifyNoInteractions(iam);
        assertThat(console.err().lines().filter(l -> !l.isBlank()))
                .singleElement()
                .asString()
                .contains("not checked");
    }

    @Test
    void aSimulatorThatCannotAnswerLetsTheRunCarryOn() {
        when(iam.simulatePrincipalPolicy(any(SimulatePrincipalPolicyRequest.class)))
                .thenThrow(
                        IamException.builder()
                                .statusCode(500)
                                .message("The simulate_principal_policy action has not been")
                                .build());

        check(realRun(), USER);

        assertThat(console.err())
                .contains(
                        "Could not check the caller's permissions (iam:SimulatePrincipalPolicy:"
                                + " HTTP 500); carrying on.");
    }

    @Test
    void aCallerThatMayNotSimulateCarriesOn() {
        when(iam.simulatePrincipalPolicy(any(SimulatePrincipalPolicyRequest.class)))
                .thenThrow(accessDenied());

        check(realRun(), USER);

        assertThat(console.err()).contains("(iam:SimulatePrincipalPolicy: AccessDenied)");
    }

    @Test
    void aRoleThatMayNotReadItselfCarriesOn() {
        when(clients.lastOperation()).thenReturn("iam:GetRole");
        when(iam.getRole(any(GetRoleRequest.class))).thenThrow(accessDenied());
        Account session =
                new Account(ACCOUNT, "arn:aws:sts::" + ACCOUNT + ":assumed-role/Limited/s");

        check(realRun(), session);

        assertThat(console.err()).contains("(iam:GetRole: AccessDenied); carrying on.");
        assertThat(requests).isEmpty();
    }

    @Test
    void stepsDoneAlreadyNeedOnlyTheirReads() {
        StepContext context = realRun();
        context.session().recordStatus(RolesStep.KEY, StepStatus.DONE, null, true);
        context.session().recordStatus(AccountAliasStep.KEY, StepStatus.DONE, null, true);

        check(context, USER);

        List<String> all = requests.stream().flatMap(r -> r.actionNames().stream()).toList();
        assertThat(all)
                .contains("iam:GetRole", "iam:ListAccountAliases", "iam:CreateUser")
                .doesNotContain("iam:CreateRole", "iam:TagRole", "iam:CreateAccountAlias");
    }

    private List<String> resourcesOf(String action) {
        return requests.stream()
                .filter(r -> r.actionNames().contains(action))
                .findFirst()
                .orElseThrow()
                .resourceArns();
    }

    private static IamException accessDenied() {
        return (IamException)
                IamException.builder()
                        .statusCode(403)
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode("AccessDenied")
                                        .errorMessage("not authorized")
                                        .build())
                        .build();
    }

    private StepContext realRun() {
        return TestContexts.realRun(console, clients, home);
    }

    private void check(StepContext context, Account account) {
        new PermissionCheck(answers).run(context, account);
    }
}
