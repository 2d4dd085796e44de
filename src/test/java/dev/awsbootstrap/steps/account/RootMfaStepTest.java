package dev.awsbootstrap.steps.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.testing.TestAnswers;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.StepContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

class RootMfaStepTest {
    @TempDir Path home;

    private final AwsClients clients = mock(AwsClients.class);
    private final IamClient iam = mock(IamClient.class);

    @Test
    void plansNothingWhenTheRootUserHasMfa() {
        givenSummaries(summary(1, 0));
        TestConsole console = TestConsole.nonInteractive();

        Plan plan = plan(console, Answers.none());

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.outcome()).isEqualTo(StepStatus.DONE);
        assertThat(plan.findings()).containsExactly("The root user has MFA.");
        assertThat(console.err()).doesNotContain("access key");
    }

    @Test
    void warnsWhenTheRootUserHasAnAccessKey() {
        givenSummaries(summary(1, 1));
        TestConsole console = TestConsole.nonInteractive();

        plan(console, Answers.none());

        assertThat(console.err()).contains("The root user has an access key");
    }

    @Test
    void recordsARiskWhenTheAnswersAcceptGoingOnWithoutRootMfa() {
        givenSummaries(summary(0, 0));
        TestConsole console = TestConsole.nonInteractive();

        Plan plan = plan(console, answers("accept-risk"));

        assertThat(plan.outcome()).isEqualTo(StepStatus.RISK_ACCEPTED);
        assertThat(plan.note()).contains("enable it in the console");
    }

    @Test
    void remembersAnAcceptedRiskSoThatAResumedRunDoesNotStopForIt() {
        givenSummaries(summary(0, 0));
        plan(TestConsole.nonInteractive(), answers("accept-risk"));
        TestConsole resumed = TestConsole.nonInteractive();

        Plan plan = plan(resumed, Answers.none());

        assertThat(plan.outcome()).isEqualTo(StepStatus.RISK_ACCEPTED);
        assertThat(resumed.err()).contains("as accepted in an earlier run");
    }

    @Test
    void waitsForTheOperatorWhenNobodyCanAnswerAndRootHasNoMfa() {
        givenSummaries(summary(0, 0));
        TestConsole console = TestConsole.nonInteractive();

        assertThatThrownBy(() -> plan(console, answers("require")))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.WAITING_FOR_OPERATOR);
                            assertThat(e.getMessage()).contains("rootMfa: accept-risk");
                        });
        assertThat(console.err()).contains("Assign MFA device");
    }

    @Test
    void checksAgainUntilTheOperatorHasEnabledRootMfa() {
        givenSummaries(summary(0, 0), summary(0, 0), summary(1, 0));
        TestConsole console = TestConsole.typing("check", "check");

        Plan plan = plan(console, Answers.none());

        assertThat(plan.outcome()).isEqualTo(StepStatus.DONE);
        assertThat(console.err())
                .contains("AWS still reports no MFA on the root user.")
                .contains("The root user has MFA now.");
        verify(iam, times(3)).getAccountSummary();
    }

    @Test
    void letsTheOperatorAcceptTheRiskAtThePrompt() {
        givenSummaries(summary(0, 0));

        Plan plan = plan(TestConsole.typing("accept-risk"), Answers.none());

        assertThat(plan.outcome()).isEqualTo(StepStatus.RISK_ACCEPTED);
    }

    @Test
    void stopsWaitingWhenTheOperatorSaysStop() {
        givenSummaries(summary(0, 0));

        assertThatThrownBy(() -> plan(TestConsole.typing("stop"), Answers.none()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.WAITING_FOR_OPERATOR));
    }

    private Plan plan(TestConsole console, Answers answers) {
        StepContext context = TestContexts.realRun(console, clients, home);
        RootMfaStep step = new RootMfaStep(answers);
        try {
            return step.plan(step.inspect(context), context);
        } finally {
            context.session().close();
        }
    }

    private void givenSummaries(
            GetAccountSummaryResponse first, GetAccountSummaryResponse... more) {
        when(clients.iam()).thenReturn(iam);
        when(iam.getAccountSummary()).thenReturn(first, more);
    }

    private static GetAccountSummaryResponse summary(int mfaEnabled, int accessKeysPresent) {
        return GetAccountSummaryResponse.builder()
                .summaryMap(
                        Map.of(
                                SummaryKeyType.ACCOUNT_MFA_ENABLED, mfaEnabled,
                                SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT, accessKeysPresent))
                .build();
    }

    private static Answers answers(String rootMfa) {
        return TestAnswers.answers().rootMfa(rootMfa).build();
    }
}
