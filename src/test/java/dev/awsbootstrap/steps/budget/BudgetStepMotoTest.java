package dev.awsbootstrap.steps.budget;

import static dev.awsbootstrap.steps.budget.BudgetFixtures.ACCOUNT;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.FINANCE;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.NAME;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.OPS;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.alert;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.alertAt;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.answers;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.budget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

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
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.ComparisonOperator;
import software.amazon.awssdk.services.budgets.model.CreateNotificationRequest;
import software.amazon.awssdk.services.budgets.model.CreateSubscriberRequest;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotificationType;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.budgets.model.ThresholdType;
import software.amazon.awssdk.services.budgets.model.TimeUnit;

/** Step 9, the cost budget, against the moto emulator. */
@ExtendWith(MotoExtension.class)
class BudgetStepMotoTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREATE_BUDGET =
            Pattern.compile(
                    "^aws budgets create-budget --account-id (\\S+) --budget '([^']+)'"
                            + " --notifications-with-subscribers '([^']+)'$");

    @TempDir Path home;

    private MotoBudgets budgets;

    @BeforeEach
    void spyOnMoto(MotoServer moto) {
        budgets = new MotoBudgets(moto, false);
    }

    @AfterEach
    void closeClients() {
        budgets.close();
    }

    @Test
    void createsTheBudgetWithEveryAlertAndSubscriberInOneCall(MotoServer moto) throws IOException {
        RunReport report = run(answers(100, List.of(80, 100), List.of(OPS, FINANCE)));

        assertThat(report.changes()).containsExactly("budgets:CreateBudget");
        Budget budget =
                moto.budgets().describeBudget(q -> q.accountId(ACCOUNT).budgetName(NAME)).budget();
        assertThat(budget.timeUnit()).isEqualTo(TimeUnit.MONTHLY);
        assertThat(budget.budgetType()).isEqualTo(BudgetType.COST);
        assertThat(budget.budgetLimit().amount()).isEqualByComparingTo("100");
        assertThat(budget.budgetLimit().unit()).isEqualTo("USD");
        assertThat(budget.hasPlannedBudgetLimits()).isFalse();
        List<Notification> alerts = notifications(moto);
        assertThat(alerts).extracting(Notification::threshold).containsExactly(80.0, 100.0);
        assertThat(alerts)
                .allSatisfy(
                        n -> {
                            assertThat(n.notificationType()).isEqualTo(NotificationType.ACTUAL);
                            assertThat(n.comparisonOperator())
                                    .isEqualTo(ComparisonOperator.GREATER_THAN);
                            assertThat(n.thresholdType()).isEqualTo(ThresholdType.PERCENTAGE);
                        });
        JsonNode stored = budgets.storedInMoto();
        assertThat(stored).hasSize(2);
        for (JsonNode alert : stored) {
            assertThat(alert.path("subscribers").findValuesAsText("SubscriptionType"))
                    .containsExactly("EMAIL", "EMAIL");
            assertThat(alert.path("subscribers").findValuesAsText("Address"))
                    .containsExactly(OPS, FINANCE);
        }
        ResumeState state = savedState();
        assertThat(state.statusOf(BudgetStep.KEY)).isEqualTo(StepStatus.DONE);
        assertThat(state.step(BudgetStep.KEY).getCreated())
                .containsEntry(BudgetStep.BUDGET_NAME, NAME);
    }

    @Test
    void makesNoMutatingCallOnASecondRun(MotoServer moto) {
        Answers answers = answers(100, List.of(80, 120), List.of(OPS));
        run(answers);
        TestConsole console = TestConsole.nonInteractive();

        RunReport second = run(answers, console);

        assertThat(second.changes()).isEmpty();
        assertThat(console.err())
                .contains("The budget Monthly-Cost-Budget is in place.")
                .contains("Nothing to change.");
        assertThat(notifications(moto)).hasSize(2);
    }

    @Test
    void addsOnlyTheMissingAlertWithItsSubscribers(MotoServer moto) {
        budgets.create(budget(100, TimeUnit.MONTHLY, alert(alertAt(80), OPS)));

        RunReport report = run(answers(100, List.of(80, 100), List.of(OPS)));

        assertThat(report.changes()).containsExactly("budgets:CreateNotification");
        verify(budgets.spy()).createNotification(any(CreateNotificationRequest.class));
        assertThat(notifications(moto))
                .extracting(Notification::threshold)
                .containsExactly(80.0, 100.0);
        assertThat(budgets.subscribers(NAME, alertAt(100))).containsExactly(email(OPS));
    }

    @Test
    void addsAMissingSubscriberToAnExistingAlert() {
        budgets.create(budget(100, TimeUnit.MONTHLY, alert(alertAt(80), OPS)));

        RunReport report = run(answers(100, List.of(80), List.of(OPS, FINANCE)));

        assertThat(report.changes()).containsExactly("budgets:CreateSubscriber");
        verify(budgets.spy(), never()).createNotification(any(CreateNotificationRequest.class));
        verify(budgets.spy())
                .createSubscriber(
                        CreateSubscriberRequest.builder()
                                .accountId(ACCOUNT)
                                .budgetName(NAME)
                                .notification(alertAt(80))
                                .subscriber(email(FINANCE))
                                .build());
        assertThat(budgets.subscribers(NAME, alertAt(80)))
                .containsExactly(email(OPS), email(FINANCE));
    }

    @Test
    void reportsAlertsAndSubscribersTheAnswersDoNotNameAndLeavesThem(MotoServer moto) {
        Notification forecast =
                alertAt(100).toBuilder().notificationType(NotificationType.FORECASTED).build();
        budgets.create(
                budget(
                        100,
                        TimeUnit.MONTHLY,
                        alert(alertAt(80), OPS, "someone@example.com"),
                        alert(forecast, FINANCE)));
        TestConsole console = TestConsole.nonInteractive();

        RunReport report = run(answers(100, List.of(80), List.of(OPS)), console);

        assertThat(report.changes()).isEmpty();
        assertThat(console.err())
                .contains(
                        "someone@example.com also gets the 80 % alert of Monthly-Cost-Budget:"
                                + " left alone.")
                .contains(
                        "The budget Monthly-Cost-Budget also has an alert when forecasted cost is"
                                + " greater than 100 %: left alone.");
        assertThat(notifications(moto)).hasSize(2);
    }

    @Test
    void stopsBeforeAnyChangeWhenTheAlertsWouldPassTheLimitOfFive() {
        budgets.create(
                budget(
                        100,
                        TimeUnit.MONTHLY,
                        alert(alertAt(10), OPS),
                        alert(alertAt(20), OPS),
                        alert(alertAt(30), OPS),
                        alert(alertAt(40), OPS)));

        assertThatThrownBy(() -> run(answers(100, List.of(80, 90), List.of(OPS))))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .contains("would have 6 alerts, and AWS allows 5")
                                    .doesNotContain("\n");
                        });
        verify(budgets.spy(), never()).createNotification(any(CreateNotificationRequest.class));
    }

    @Test
    void asksForWhatTheAnswersLeaveOutAndRefusesAnotherCurrency(MotoServer moto) {
        TestConsole console =
                TestConsole.typing("", "100 EUR", "100", "50,80,100,120", OPS + ", " + FINANCE);

        RunReport report = run(Answers.none(), console);

        assertThat(report.changes()).containsExactly("budgets:CreateBudget");
        assertThat(console.err()).contains("\"100 EUR\": type the amount in US dollars");
        assertThat(notifications(moto))
                .extracting(Notification::threshold)
                .containsExactly(50.0, 80.0, 100.0, 120.0);
        assertThat(budgets.subscribers(NAME, alertAt(120)))
                .containsExactly(email(OPS), email(FINANCE));
        ResumeState state = savedState();
        assertThat(state.answer("budget.name")).contains(NAME);
        assertThat(state.answer("budget.amount")).contains("100");
        assertThat(state.answer("budget.thresholds")).contains("50,80,100,120");
        assertThat(state.answer("budget.emails")).contains(OPS + ", " + FINANCE);
    }

    @Test
    void plansTheBudgetInADryRunAsAPasteableCommandAndCreatesNothing(MotoServer moto)
            throws IOException {
        List<String> plan = new ArrayList<>();
        RunReport report;
        try (AwsClients clients = MotoClients.at(moto.endpoint(), true)) {
            StepContext context =
                    TestContexts.dryRun(TestConsole.nonInteractive(), clients, home, plan);
            report =
                    new Wizard(List.of(new BudgetStep(answers(250, List.of(80), List.of(OPS)))))
                            .run(context);
        }

        assertThat(report.changes()).containsExactly("budgets:CreateBudget");
        assertThat(plan).hasSize(1);
        Matcher command = CREATE_BUDGET.matcher(plan.get(0));
        assertThat(command.matches()).as(plan.get(0)).isTrue();
        assertThat(command.group(1)).isEqualTo(ACCOUNT);
        JsonNode budget = JSON.readTree(command.group(2));
        assertThat(budget.path("BudgetName").asText()).isEqualTo(NAME);
        assertThat(budget.path("BudgetLimit").path("Amount").isTextual()).isTrue();
        assertThat(budget.path("BudgetLimit").path("Amount").asText()).isEqualTo("250");
        assertThat(budget.path("BudgetLimit").path("Unit").asText()).isEqualTo("USD");
        assertThat(budget.path("TimeUnit").asText()).isEqualTo("MONTHLY");
        assertThat(budget.path("BudgetType").asText()).isEqualTo("COST");
        JsonNode alerts = JSON.readTree(command.group(3));
        assertThat(alerts.at("/0/Notification/NotificationType").asText()).isEqualTo("ACTUAL");
        assertThat(alerts.at("/0/Notification/ComparisonOperator").asText())
                .isEqualTo("GREATER_THAN");
        assertThat(alerts.at("/0/Notification/Threshold").asDouble()).isEqualTo(80.0);
        assertThat(alerts.at("/0/Notification/ThresholdType").asText()).isEqualTo("PERCENTAGE");
        assertThat(alerts.at("/0/Subscribers/0/SubscriptionType").asText()).isEqualTo("EMAIL");
        assertThat(alerts.at("/0/Subscribers/0/Address").asText()).isEqualTo(OPS);
        assertThat(moto.budgets().describeBudgets(q -> q.accountId(ACCOUNT)).budgets()).isEmpty();
        assertThat(StateStore.defaultFile(home, ACCOUNT)).doesNotExist();
    }

    @Test
    void goesOnWithAWarningWhenPlainMotoCannotListTheSubscribers(MotoServer moto) {
        budgets.create(budget(100, TimeUnit.MONTHLY, alert(alertAt(80), OPS)));
        TestConsole console = TestConsole.nonInteractive();

        RunReport report;
        try (AwsClients plainMoto = MotoClients.at(moto.endpoint(), false)) {
            StepContext context = TestContexts.realRun(console, plainMoto, home);
            report =
                    new Wizard(List.of(new BudgetStep(answers(100, List.of(80), List.of(OPS)))))
                            .run(context);
            context.session().close();
        }

        assertThat(report.changes()).isEmpty();
        assertThat(console.err())
                .contains(
                        "Could not read who gets an alert when actual cost is greater than 80 %"
                                + " of the budget Monthly-Cost-Budget");
    }

    private RunReport run(Answers answers) {
        return run(answers, TestConsole.nonInteractive());
    }

    private RunReport run(Answers answers, TestConsole console) {
        return BudgetFixtures.run(budgets, answers, console, home);
    }

    private static List<Notification> notifications(MotoServer moto) {
        BudgetsClient client = moto.budgets();
        return client.describeNotificationsForBudget(q -> q.accountId(ACCOUNT).budgetName(NAME))
                .notifications();
    }

    private static Subscriber email(String address) {
        return Subscriber.builder()
                .subscriptionType(SubscriptionType.EMAIL)
                .address(address)
                .build();
    }

    private ResumeState savedState() {
        return new StateStore(StateStore.defaultFile(home, ACCOUNT)).load().orElseThrow();
    }
}
