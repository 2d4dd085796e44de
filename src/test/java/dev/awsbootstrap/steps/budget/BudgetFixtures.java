package dev.awsbootstrap.steps.budget;

import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.testing.TestAnswers;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotificationWithSubscribers;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.budgets.model.TimeUnit;

/** Answers, budgets made past the wizard, and runs of the budget step, for its tests. */
final class BudgetFixtures {
    static final String ACCOUNT = TestContexts.ACCOUNT_ID;
    static final String NAME = "Monthly-Cost-Budget";
    static final String OPS = "ops@example.com";
    static final String FINANCE = "finance@example.com";

    private BudgetFixtures() {}

    static Answers answers(int amount, List<Integer> thresholds, List<String> emails) {
        return answers(
                new Answers.Budget(
                        NAME,
                        BigDecimal.valueOf(amount),
                        "USD",
                        thresholds.stream().map(BigDecimal::valueOf).toList(),
                        emails));
    }

    static Answers answers(Answers.Budget budget) {
        return TestAnswers.answers().budget(budget).build();
    }

    /** The alert the wizard sets at {@code percent} of the budget. */
    static Notification alertAt(int percent) {
        return WantedBudget.notification(BigDecimal.valueOf(percent));
    }

    static NotificationWithSubscribers alert(Notification notification, String... emails) {
        List<Subscriber> subscribers = new ArrayList<>();
        for (String email : emails) {
            subscribers.add(
                    Subscriber.builder()
                            .subscriptionType(SubscriptionType.EMAIL)
                            .address(email)
                            .build());
        }
        return NotificationWithSubscribers.builder()
                .notification(notification)
                .subscribers(subscribers)
                .build();
    }

    /** A monthly cost budget of {@code amount} USD named {@link #NAME}, with {@code alerts}. */
    static CreateBudgetRequest budget(
            int amount, TimeUnit period, NotificationWithSubscribers... alerts) {
        return CreateBudgetRequest.builder()
                .accountId(ACCOUNT)
                .budget(
                        Budget.builder()
                                .budgetName(NAME)
                                .budgetType("COST")
                                .timeUnit(period)
                                .budgetLimit(
                                        Spend.builder()
                                                .amount(BigDecimal.valueOf(amount))
                                                .unit("USD")
                                                .build())
                                .build())
                .notificationsWithSubscribers(alerts)
                .build();
    }

    /** Runs the budget step alone, as the wizard would. */
    static RunReport run(MotoBudgets budgets, Answers answers, TestConsole console, Path home) {
        StepContext context = TestContexts.realRun(console, budgets.clients(), home);
        try {
            return new Wizard(List.of(new BudgetStep(answers))).run(context);
        } finally {
            context.session().close();
        }
    }
}
