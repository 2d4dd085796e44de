package dev.awsbootstrap.steps.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.testing.MotoClients;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.TestAnswers;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.ResumeSession;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** Step 4, the three roles, against the moto emulator. */
@ExtendWith(MotoExtension.class)
class RolesStepMotoTest {
    private static final String ACCOUNT = TestContexts.ACCOUNT_ID;
    private static final String S3 = "arn:aws:iam::aws:policy/AmazonS3FullAccess";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path home;

    private final List<String> plan = new ArrayList<>();

    @Test
    void createsTheThreeRolesWithTheirPoliciesTagAndTrust(MotoServer moto) throws IOException {
        RunReport report = run(moto, true, TestConsole.nonInteractive());

        List<String> expected = new ArrayList<>();
        for (RoleDefinition role : RolesStep.ROLES) {
            expected.add("iam:CreateRole");
            role.managedPolicies().forEach(p -> expected.add("iam:AttachRolePolicy"));
        }
        assertThat(report.changes()).containsExactlyElementsOf(expected);
        IamClient iam = moto.iam();
        for (RoleDefinition definition : RolesStep.ROLES) {
            Role role = iam.getRole(q -> q.roleName(definition.name())).role();
            assertThat(role.description()).isEqualTo(definition.description());
            assertThat(role.path()).isEqualTo("/");
            assertThat(iam.listRoleTags(q -> q.roleName(definition.name())).tags())
                    .containsExactly(
                            Tag.builder().key("managed-by").value("aws-bootstrap").build());
            assertThat(attached(iam, definition.name()))
                    .containsExactlyInAnyOrderElementsOf(definition.policyArns());
            JsonNode trust = trust(role);
            assertThat(trust.at("/Statement/0/Principal/AWS").asText())
                    .isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
            assertThat(trust.at("/Statement/0/Action").asText()).isEqualTo("sts:AssumeRole");
            assertThat(trust.at("/Statement/0/Condition/Bool/aws:MultiFactorAuthPresent").asText())
                    .isEqualTo("true");
        }
        assertThat(attached(iam, "AdminRole"))
                .containsExactly("arn:aws:iam::aws:policy/AdministratorAccess");
        ResumeState state = savedState();
        assertThat(state.statusOf(RolesStep.KEY)).isEqualTo(StepStatus.DONE);
        assertThat(state.step(RolesStep.KEY).getCreated())
                .containsEntry("DataEngineerRole", RolesStep.roleArn(ACCOUNT, "DataEngineerRole"));
        assertThat(state.answer(RolesStep.ANSWER)).contains("true");
    }

    @Test
    void trustsTheAccountWithoutAConditionWhenMfaIsNotRequired(MotoServer moto) throws IOException {
        run(moto, false, TestConsole.nonInteractive());

        JsonNode trust = trust(moto.iam().getRole(q -> q.roleName("AdminRole")).role());
        assertThat(trust.at("/Statement/0/Condition").isMissingNode()).isTrue();
        assertThat(trust.at("/Statement/0/Principal/AWS").asText())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
    }

    @Test
    void makesNoChangeWhenTheRolesAreInPlace(MotoServer moto) {
        run(moto, true, TestConsole.nonInteractive());
        TestConsole console = TestConsole.nonInteractive();

        RunReport second = run(moto, true, console);

        assertThat(second.changes()).isEmpty();
        assertThat(console.err())
                .contains("AdminRole is in place.")
                .contains("DataEngineerRole is in place.")
                .contains("InfrastructureAdminRole is in place.")
                .contains("Nothing to change.");
    }

    @Test
    void readsATrustPolicyWrittenInAnotherLayoutAsTheSame(MotoServer moto) {
        run(moto, true, TestConsole.nonInteractive());
        String sameMeaning =
                "{\n  \"Statement\": [ {\n    \"Condition\": {\"Bool\": "
                        + "{\"aws:MultiFactorAuthPresent\": true}},\n"
                        + "    \"Action\": [\"sts:AssumeRole\"],\n"
                        + "    \"Principal\": {\"AWS\": [\"arn:aws:iam::"
                        + ACCOUNT
                        + ":root\"]},\n    \"Effect\": \"Allow\"\n  } ],\n"
                        + "  \"Version\": \"2012-10-17\"\n}";
        moto.iam().updateAssumeRolePolicy(q -> q.roleName("AdminRole").policyDocument(sameMeaning));

        RunReport second = run(moto, true, TestConsole.nonInteractive());

        assertThat(second.changes()).isEmpty();
    }

    @Test
    void repairsAChangedTrustPolicyAfterConfirmation(MotoServer moto) throws IOException {
        run(moto, true, TestConsole.nonInteractive());
        String other =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::999999999999:root\"},"
                        + "\"Action\":\"sts:AssumeRole\"}]}";
        moto.iam()
                .updateAssumeRolePolicy(q -> q.roleName("DataEngineerRole").policyDocument(other));
        TestConsole console = TestConsole.typing("y");

        RunReport report = run(moto, true, console);

        assertThat(report.changes()).containsExactly("iam:UpdateAssumeRolePolicy");
        assertThat(console.err())
                .contains("DataEngineerRole: the trust policy differs")
                .contains("999999999999");
        JsonNode trust = trust(moto.iam().getRole(q -> q.roleName("DataEngineerRole")).role());
        assertThat(trust.at("/Statement/0/Principal/AWS").asText())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(savedState().statusOf(RolesStep.KEY)).isEqualTo(StepStatus.DONE);
    }

    @Test
    void addsTheMfaConditionToARoleThatTrustsWithoutIt(MotoServer moto) throws IOException {
        run(moto, false, TestConsole.nonInteractive());
        TestConsole console = TestConsole.typing("y", "y", "y");

        RunReport report = run(moto, true, console);

        assertThat(report.changes())
                .containsExactly(
                        "iam:UpdateAssumeRolePolicy",
                        "iam:UpdateAssumeRolePolicy",
                        "iam:UpdateAssumeRolePolicy");
        assertThat(console.err()).contains("AdminRole: the trust policy does not require MFA.");
        JsonNode trust = trust(moto.iam().getRole(q -> q.roleName("AdminRole")).role());
        assertThat(trust.at("/Statement/0/Condition/Bool/aws:MultiFactorAuthPresent").asText())
                .isEqualTo("true");
    }

    @Test
    void reattachesADetachedPolicyAfterConfirmation(MotoServer moto) {
        run(moto, true, TestConsole.nonInteractive());
        moto.iam().detachRolePolicy(q -> q.roleName("InfrastructureAdminRole").policyArn(S3));
        TestConsole console = TestConsole.typing("y");

        RunReport report = run(moto, true, console);

        assertThat(report.changes()).containsExactly("iam:AttachRolePolicy");
        assertThat(console.err())
                .contains(
                        "InfrastructureAdminRole: the managed policy AmazonS3FullAccess is not"
                                + " attached.");
        assertThat(attached(moto.iam(), "InfrastructureAdminRole")).contains(S3).hasSize(5);
    }

    @Test
    void leavesDriftInPlaceWhenTheOperatorDeclinesAndRecordsIt(MotoServer moto) {
        run(moto, true, TestConsole.nonInteractive());
        moto.iam().detachRolePolicy(q -> q.roleName("DataEngineerRole").policyArn(S3));
        TestConsole console = TestConsole.typing("n");

        RunReport report = run(moto, true, console);

        assertThat(report.changes()).isEmpty();
        assertThat(attached(moto.iam(), "DataEngineerRole")).doesNotContain(S3);
        ResumeState state = savedState();
        assertThat(state.statusOf(RolesStep.KEY)).isEqualTo(StepStatus.RISK_ACCEPTED);
        assertThat(state.step(RolesStep.KEY).getNote())
                .contains("DataEngineerRole (AmazonS3FullAccess is not attached)");
    }

    @Test
    void stopsOnDriftWhenNobodyCanConfirmTheRepair(MotoServer moto) {
        run(moto, true, TestConsole.nonInteractive());
        moto.iam().detachRolePolicy(q -> q.roleName("DataEngineerRole").policyArn(S3));

        assertThatThrownBy(() -> run(moto, true, TestConsole.nonInteractive()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.WAITING_FOR_OPERATOR);
                            assertThat(e.getMessage())
                                    .contains("DataEngineerRole has drifted")
                                    .contains("AmazonS3FullAccess is not attached")
                                    .doesNotContain("\n");
                        });
        assertThat(attached(moto.iam(), "DataEngineerRole")).doesNotContain(S3);
    }

    @Test
    void reportsAnExtraPolicyAndLeavesItAttached(MotoServer moto) {
        run(moto, true, TestConsole.nonInteractive());
        String extra = "arn:aws:iam::aws:policy/AmazonEC2FullAccess";
        moto.iam().attachRolePolicy(q -> q.roleName("DataEngineerRole").policyArn(extra));
        TestConsole console = TestConsole.nonInteractive();

        RunReport report = run(moto, true, console);

        assertThat(report.changes()).isEmpty();
        assertThat(console.err())
                .contains(
                        "DataEngineerRole also has the policy " + extra + " attached: left alone.");
        assertThat(attached(moto.iam(), "DataEngineerRole")).contains(extra);
    }

    @Test
    void reportsARoleThatAwsBootstrapDidNotMakeAndRepairsOnlyItsDrift(MotoServer moto) {
        String trust =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + ACCOUNT
                        + ":root\"},\"Action\":\"sts:AssumeRole\","
                        + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}";
        moto.iam()
                .createRole(q -> q.roleName("AdminRole").assumeRolePolicyDocument(trust).path("/"));
        TestConsole console = TestConsole.typing("y");

        RunReport report = run(moto, true, console);

        assertThat(report.changes())
                .startsWith("iam:AttachRolePolicy", "iam:CreateRole")
                .doesNotContain("iam:UpdateAssumeRolePolicy");
        assertThat(console.err()).contains("AdminRole exists but was not made by aws-bootstrap");
        assertThat(attached(moto.iam(), "AdminRole"))
                .containsExactly("arn:aws:iam::aws:policy/AdministratorAccess");
    }

    @Test
    void finishesARoleThatAnInterruptedRunLeftWithoutAskingAgain(MotoServer moto) {
        run(moto, true, TestConsole.nonInteractive());
        moto.iam().detachRolePolicy(q -> q.roleName("DataEngineerRole").policyArn(S3));
        // As a run killed between CreateRole and its last AttachRolePolicy leaves it.
        ResumeState state = savedState();
        state.step(RolesStep.KEY).setStatus(StepStatus.TO_DO);
        state.step(RolesStep.KEY).getCreated().put(RolesStep.UNFINISHED, "DataEngineerRole");
        new StateStore(resumeFile()).save(state);
        TestConsole console = TestConsole.nonInteractive();

        RunReport report = run(moto, true, console);

        assertThat(report.changes()).containsExactly("iam:AttachRolePolicy");
        assertThat(console.err()).contains("DataEngineerRole was left unfinished");
        assertThat(attached(moto.iam(), "DataEngineerRole")).contains(S3);
        assertThat(savedState().step(RolesStep.KEY).getCreated())
                .doesNotContainKey(RolesStep.UNFINISHED);
    }

    @Test
    void asksBeforeRepairingATaggedRoleWhenNoRunWasInterrupted(MotoServer moto) throws IOException {
        run(moto, true, TestConsole.nonInteractive());
        moto.iam().detachRolePolicy(q -> q.roleName("DataEngineerRole").policyArn(S3));
        // A new laptop: no resume file, so nothing says a run was interrupted.
        Files.delete(resumeFile());

        assertThatThrownBy(() -> run(moto, true, TestConsole.nonInteractive()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.WAITING_FOR_OPERATOR));
        assertThat(attached(moto.iam(), "DataEngineerRole")).doesNotContain(S3);
    }

    @Test
    void plansEveryRoleInADryRunAndCreatesNothing(MotoServer moto) {
        RunReport report = run(moto, true, TestConsole.nonInteractive(), true);

        assertThat(report.changes()).hasSize(3 + 1 + 5 + 5);
        assertThat(plan.get(0))
                .startsWith("aws iam create-role --path / --role-name AdminRole")
                .contains("--assume-role-policy-document")
                .contains("aws:MultiFactorAuthPresent")
                .contains("--tags '[{\"Key\":\"managed-by\",\"Value\":\"aws-bootstrap\"}]'");
        assertThat(plan)
                .contains(
                        "aws iam attach-role-policy --role-name DataEngineerRole --policy-arn "
                                + "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
        assertThat(moto.iam().listRoles().roles()).isEmpty();
    }

    private static List<String> attached(IamClient iam, String role) {
        return iam
                .listAttachedRolePoliciesPaginator(q -> q.roleName(role))
                .attachedPolicies()
                .stream()
                .map(AttachedPolicy::policyArn)
                .toList();
    }

    private static JsonNode trust(Role role) throws IOException {
        return JSON.readTree(
                URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8));
    }

    private Path resumeFile() {
        return StateStore.defaultFile(home, ACCOUNT);
    }

    private ResumeState savedState() {
        return new StateStore(resumeFile()).load().orElseThrow();
    }

    private RunReport run(MotoServer moto, boolean requireMfa, TestConsole console) {
        return run(moto, requireMfa, console, false);
    }

    private RunReport run(
            MotoServer moto, boolean requireMfa, TestConsole console, boolean dryRun) {
        Answers answers = TestAnswers.answers().roles(new Answers.Roles(requireMfa)).build();
        try (AwsClients clients = MotoClients.at(moto.endpoint(), dryRun)) {
            StepContext context =
                    dryRun
                            ? TestContexts.dryRun(console, clients, home, plan)
                            : TestContexts.realRun(console, clients, home);
            try (ResumeSession session = context.session()) {
                return new Wizard(Collections.singletonList(new RolesStep(answers))).run(context);
            }
        }
    }
}
