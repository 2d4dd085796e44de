package dev.awsbootstrap.steps.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BillingAccessStepTest {
    @TempDir Path home;

    private final AwsClients clients = mock(AwsClients.class);

    @Test
    void isDoneWhenTheAnswersConfirmIt() {
        Plan plan = plan(TestConsole.nonInteractive(), answer("confirmed"));

        assertThat(plan.outcome()).isEqualTo(StepStatus.DONE);
        assertThat(plan.changes()).isEmpty();
    }

    @Test
    void leavesAnOpenItemThatBlocksNothingWhenAnsweredLater() {
        Plan plan = plan(TestConsole.nonInteractive(), answer("later"));

        assertThat(plan.outcome()).isEqualTo(StepStatus.LATER);
        assertThat(plan.note()).contains("IAM User and Role Access to Billing Information");
    }

    @Test
    void showsTheConsolePathAndAsksTheOperator() {
        TestConsole console = TestConsole.typing("confirmed");

        Plan plan = plan(console, Answers.none());

        assertThat(plan.outcome()).isEqualTo(StepStatus.DONE);
        assertThat(console.err())
                .contains("Activate IAM Access")
                .contains("https://console.aws.amazon.com/billing/home#/account");
    }

    @Test
    void waitsForTheOperatorWhenNobodyCanAnswer() {
        assertThatThrownBy(() -> plan(TestConsole.nonInteractive(), Answers.none()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.WAITING_FOR_OPERATOR);
                            assertThat(e.getMessage()).contains("billingAccess: confirmed");
                        });
    }

    @Test
    void keepsTheAnswerOfAnEarlierRunWhenNobodyCanAnswerNow() {
        plan(TestConsole.nonInteractive(), answer("later"));

        Plan resumed = plan(TestConsole.nonInteractive(), Answers.none());

        assertThat(resumed.outcome()).isEqualTo(StepStatus.LATER);
    }

    @Test
    void doesNotAskAgainOnceConfirmed() {
        StepContext context = TestContexts.realRun(TestConsole.nonInteractive(), clients, home);
        context.session().recordStatus(BillingAccessStep.KEY, StepStatus.DONE, null, true);
        context.session().close();
        TestConsole console = TestConsole.nonInteractive();

        Plan plan = plan(console, Answers.none());

        assertThat(plan.findings()).containsExactly("Confirmed in an earlier run.");
        assertThat(console.err()).doesNotContain("Activate IAM Access");
    }

    private Plan plan(TestConsole console, Answers answers) {
        StepContext context = TestContexts.realRun(console, clients, home);
        BillingAccessStep step = new BillingAccessStep(answers);
        try {
            return step.plan(step.inspect(context), context);
        } finally {
            context.session().close();
        }
    }

    private static Answers answer(String billingAccess) {
        return TestAnswers.answers().billingAccess(billingAccess).build();
    }
}
