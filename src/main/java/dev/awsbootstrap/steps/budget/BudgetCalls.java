package dev.awsbootstrap.steps.budget;

import dev.awsbootstrap.aws.AwsCall;
import java.math.BigDecimal;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.CreateBudgetResponse;
import software.amazon.awssdk.services.budgets.model.CreateNotificationRequest;
import software.amazon.awssdk.services.budgets.model.CreateNotificationResponse;
import software.amazon.awssdk.services.budgets.model.CreateSubscriberRequest;
import software.amazon.awssdk.services.budgets.model.CreateSubscriberResponse;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.TimePeriod;
import software.amazon.awssdk.services.budgets.model.TimeUnit;
import software.amazon.awssdk.services.budgets.model.UpdateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.UpdateBudgetResponse;

/** The budget step's mutating calls, described for {@code AwsChanges}. */
final class BudgetCalls {
    private BudgetCalls() {}

    /** The budget with all its alerts and subscribers, in one call. */
    static AwsCall<CreateBudgetRequest, CreateBudgetResponse> createBudget(
            String accountId, WantedBudget wanted) {
        return AwsCall.budgets(
                CreateBudgetRequest.builder()
                        .accountId(accountId)
                        .budget(wanted.budget())
                        .notificationsWithSubscribers(wanted.notificationsWithSubscribers())
                        .build(),
                BudgetsClient::createBudget);
    }

    /** One more alert on an existing budget, with every wanted subscriber. */
    static AwsCall<CreateNotificationRequest, CreateNotificationResponse> createNotification(
            String accountId, WantedBudget wanted, BigDecimal threshold) {
        return AwsCall.budgets(
                CreateNotificationRequest.builder()
                        .accountId(accountId)
                        .budgetName(wanted.name())
                        .notification(WantedBudget.notification(threshold))
                        .subscribers(wanted.subscribers())
                        .build(),
                BudgetsClient::createNotification);
    }

    /** One more e-mail address on an existing alert. */
    static AwsCall<CreateSubscriberRequest, CreateSubscriberResponse> createSubscriber(
            String accountId, String budgetName, Notification notification, String email) {
        return AwsCall.budgets(
                CreateSubscriberRequest.builder()
                        .accountId(accountId)
                        .budgetName(budgetName)
                        .notification(ExistingBudget.identity(notification))
                        .subscriber(WantedBudget.subscriber(email))
                        .build(),
                BudgetsClient::createSubscriber);
    }

    /** The existing budget with the wanted settings, its scope and alerts unchanged. */
    static AwsCall<UpdateBudgetRequest, UpdateBudgetResponse> updateBudget(
            String accountId, Budget existing, WantedBudget wanted) {
        return AwsCall.budgets(
                UpdateBudgetRequest.builder()
                        .accountId(accountId)
                        .newBudget(updated(existing, wanted))
                        .build(),
                BudgetsClient::updateBudget);
    }

    /**
     * The budget as UpdateBudget replaces it: the wanted type, period and fixed amount, the same
     * cost filters and cost types, so that it still measures what it measured. What AWS computes
     * (spend, health, update time) is left out. The start is kept while the period stays monthly; a
     * budget moving to monthly starts with the current month.
     */
    static Budget updated(Budget existing, WantedBudget wanted) {
        Budget.Builder budget =
                Budget.builder()
                        .budgetName(existing.budgetName())
                        .budgetType(BudgetType.COST)
                        .timeUnit(TimeUnit.MONTHLY)
                        .budgetLimit(wanted.limit())
                        .costTypes(existing.costTypes())
                        .filterExpression(existing.filterExpression())
                        .billingViewArn(existing.billingViewArn());
        if (existing.hasCostFilters()) {
            budget.costFilters(existing.costFilters());
        }
        if (existing.hasMetrics()) {
            budget.metricsWithStrings(existing.metricsAsStrings());
        }
        if (existing.timeUnit() == TimeUnit.MONTHLY && existing.timePeriod() != null) {
            budget.timePeriod(
                    TimePeriod.builder()
                            .start(existing.timePeriod().start())
                            .end(WantedBudget.RECURRING_END)
                            .build());
        }
        return budget.build();
    }
}
