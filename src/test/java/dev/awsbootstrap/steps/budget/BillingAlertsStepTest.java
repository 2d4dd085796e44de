package dev.awsbootstrap.steps.budget;

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
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BillingAlertsStepTest {
    @TempDir Path home;

    private final AwsClients clients = mock(AwsClients.class);

    @Test
    void hasTheKeyAndATitleThatFitsTheSummary() {
        BillingAlertsStep step = new BillingAlertsStep(Answers.none());

        assertThat(step.key()).isEqualTo("billing-alerts");
        assertThat(step.title()).isEqualTo("Billing alert preferences").hasSizeLessThan(29);
    }

    @Test
    void isDoneWhenTheAnswersConfirmIt() {
        TestConsole console = TestConsole.nonInteractive();

        Plan plan = plan(console, answer("confirmed"));

        assertThat(plan.outcome()).isEqualTo(StepStatus.DONE);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.findings()).containsExactly("Confirmed by the operator.");
    }

    @Test
    void leavesAnOpenItemThatBlocksNothingWhenAnsweredLater() {
        Plan plan = plan(TestConsole.nonInteractive(), answer("later"));

        assertThat(plan.outcome()).isEqualTo(StepStatus.LATER);
        assertThat(plan.note())
                .contains("Billing preferences")
                .contains("Free Tier alerts")
                .contains("CloudWatch billing alerts");
    }

    @Test
    void showsTheConsolePathAndTheLinkAndAsksTheOperator() {
        TestConsole console = TestConsole.typing("confirmed");

        Plan plan = plan(console, Answers.none());

        assertThat(plan.outcome()).isEqualTo(StepStatus.DONE);
        assertThat(console.err())
                .contains("Billing and Cost Management, then \"Billing preferences\"")
                .contains("\"Alert preferences\"")
                .contains("Receive AWS Free Tier alerts")
                .contains("Receive CloudWatch billing alerts")
                .contains("https://console.aws.amazon.com/billing/home#/preferences")
                .contains("Have you turned on both alert preferences?");
    }

    @Test
    void recordsATypedLaterAsAnOpenItem() {
        TestConsole console = TestConsole.typing("later");

        Plan plan = plan(console, Answers.none());

        assertThat(plan.outcome()).isEqualTo(StepStatus.LATER);
        assertThat(savedAnswer()).isEqualTo("later");
    }

    @Test
    void waitsForTheOperatorWhenNobodyCanAnswer() {
        assertThatThrownBy(() -> plan(TestConsole.nonInteractive(), Answers.none()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.WAITING_FOR_OPERATOR);
                            assertThat(e.getMessage())
                                    .startsWith("Turning on the billing alert preferences is a")
                                    .contains("billingAlerts: confirmed")
                                    .contains("billingAlerts: later")
                                    .doesNotContain("\n");
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
        context.session().recordStatus(BillingAlertsStep.KEY, StepStatus.DONE, null, true);
        context.session().close();
        TestConsole console = TestConsole.nonInteractive();

        Plan plan = plan(console, Answers.none());

        assertThat(plan.findings()).containsExactly("Confirmed in an earlier run.");
        assertThat(console.err()).doesNotContain("Alert preferences");
    }

    @Test
    void aDryRunShowsTheInstructionsAndLeavesTheStepToDo() {
        TestConsole console = TestConsole.nonInteractive();
        StepContext context = TestContexts.dryRun(console, clients, home, new ArrayList<>());
        BillingAlertsStep step = new BillingAlertsStep(Answers.none());

        Plan plan = step.plan(step.inspect(context), context);

        assertThat(plan.outcome()).isEqualTo(StepStatus.TO_DO);
        assertThat(plan.findings()).containsExactly("A real run asks whether you have done it.");
        assertThat(console.err()).contains("Receive AWS Free Tier alerts");
    }

    private Plan plan(TestConsole console, Answers answers) {
        StepContext context = TestContexts.realRun(console, clients, home);
        BillingAlertsStep step = new BillingAlertsStep(answers);
        try {
            return step.plan(step.inspect(context), context);
        } finally {
            context.session().close();
        }
    }

    private String savedAnswer() {
        StepContext context = TestContexts.realRun(TestConsole.nonInteractive(), clients, home);
        try {
            return context.session().state().answer(BillingAlertsStep.ANSWER).orElseThrow();
        } finally {
            context.session().close();
        }
    }

    private static Answers answer(String billingAlerts) {
        return TestAnswers.answers().billingAlerts(billingAlerts).build();
    }
}
