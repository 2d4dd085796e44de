package dev.awsbootstrap.steps.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.ComparisonOperator;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotificationType;
import software.amazon.awssdk.services.budgets.model.NotificationWithSubscribers;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.budgets.model.ThresholdType;
import software.amazon.awssdk.services.budgets.model.TimeUnit;

/**
 * The budget the answers ask for: a monthly cost budget of a fixed amount in USD that recurs with
 * no end, with one alert per threshold on actual cost, each e-mailed to every address.
 *
 * @param amount the amount in USD, above 0
 * @param thresholds percentages of the amount, each given once
 */
record WantedBudget(
        String name, BigDecimal amount, List<BigDecimal> thresholds, List<String> emails) {

    /** AWS cost budgets are in US dollars only. */
    static final String USD = "USD";

    /** The end AWS gives a recurring budget, which has no end of its own. */
    static final Instant RECURRING_END = Instant.parse("2087-06-15T00:00:00Z");

    WantedBudget {
        thresholds = List.copyOf(thresholds);
        emails = List.copyOf(emails);
    }

    /** The budget as CreateBudget takes it; AWS starts it with the current month. */
    Budget budget() {
        return Budget.builder()
                .budgetName(name)
                .budgetType(BudgetType.COST)
                .timeUnit(TimeUnit.MONTHLY)
                .budgetLimit(limit())
                .build();
    }

    Spend limit() {
        return Spend.builder().amount(amount).unit(USD).build();
    }

    /** The alert at {@code threshold} percent of the amount, on actual cost. */
    static Notification notification(BigDecimal threshold) {
        return Notification.builder()
                .notificationType(NotificationType.ACTUAL)
                .comparisonOperator(ComparisonOperator.GREATER_THAN)
                .threshold(threshold.doubleValue())
                .thresholdType(ThresholdType.PERCENTAGE)
                .build();
    }

    static Subscriber subscriber(String email) {
        return Subscriber.builder().subscriptionType(SubscriptionType.EMAIL).address(email).build();
    }

    List<Subscriber> subscribers() {
        return emails.stream().map(WantedBudget::subscriber).toList();
    }

    /** Every alert with its subscribers, as CreateBudget takes them. */
    List<NotificationWithSubscribers> notificationsWithSubscribers() {
        return thresholds.stream()
                .map(
                        t ->
                                NotificationWithSubscribers.builder()
                                        .notification(notification(t))
                                        .subscribers(subscribers())
                                        .build())
                .toList();
    }

    /** The budget in a few words, such as {@code 100 USD a month, alerts at 80 % to a@b.com}. */
    String summary() {
        return plain(amount)
                + " USD a month, alerts at "
                + String.join(", ", thresholds.stream().map(WantedBudget::percent).toList())
                + " of actual cost to "
                + String.join(", ", emails);
    }

    /** A percentage as the operator reads it, such as {@code 80 %}. */
    static String percent(BigDecimal threshold) {
        return plain(threshold) + " %";
    }

    /** A number without trailing zeros or exponent, such as {@code 80} for 80.0. */
    static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }
}
