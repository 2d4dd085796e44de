package dev.awsbootstrap.steps.budget;

import dev.awsbootstrap.steps.budget.ExistingBudget.Alert;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.ComparisonOperator;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotificationType;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.budgets.model.ThresholdType;
import software.amazon.awssdk.services.budgets.model.TimeUnit;

/**
 * How an existing budget differs from the wanted one. Its settings (amount, currency, period, type,
 * a fixed and recurring amount) are updated on confirmation; missing alerts and subscribers are
 * added; alerts and subscribers that the answers do not name are only reported.
 */
final class BudgetComparison {
    private final WantedBudget wanted;
    private final ExistingBudget found;
    private final List<String> differences;
    private final List<BigDecimal> missingThresholds = new ArrayList<>();
    private final List<MissingSubscriber> missingSubscribers = new ArrayList<>();

    /** An address that an existing alert does not e-mail yet. */
    record MissingSubscriber(Notification notification, BigDecimal threshold, String email) {}

    private BudgetComparison(WantedBudget wanted, ExistingBudget found) {
        this.wanted = wanted;
        this.found = found;
        this.differences = differences(wanted, found.budget());
        for (BigDecimal threshold : wanted.thresholds()) {
            Optional<Alert> alert = alertAt(threshold);
            if (alert.isEmpty()) {
                missingThresholds.add(threshold);
                continue;
            }
            if (!alert.get().subscribersRead()) {
                continue;
            }
            for (String email : wanted.emails()) {
                if (!emails(alert.get()).contains(email.toLowerCase(Locale.ROOT))) {
                    missingSubscribers.add(
                            new MissingSubscriber(alert.get().notification(), threshold, email));
                }
            }
        }
    }

    static BudgetComparison of(WantedBudget wanted, ExistingBudget found) {
        return new BudgetComparison(wanted, found);
    }

    /** How the budget's settings differ, one phrase each, such as {@code the amount is 50 USD}. */
    List<String> differences() {
        return differences;
    }

    boolean settingsDiffer() {
        return !differences.isEmpty();
    }

    /** The thresholds that have no alert on actual cost yet. */
    List<BigDecimal> missingThresholds() {
        return List.copyOf(missingThresholds);
    }

    List<MissingSubscriber> missingSubscribers() {
        return List.copyOf(missingSubscribers);
    }

    boolean inPlace() {
        return differences.isEmpty() && missingThresholds.isEmpty() && missingSubscribers.isEmpty();
    }

    /** What the budget has beyond the answers and keeps, one line each. */
    List<String> leftAlone() {
        String name = wanted.name();
        List<String> lines = new ArrayList<>();
        for (Alert alert : found.notifications()) {
            Optional<BigDecimal> wantedAt =
                    wanted.thresholds().stream().filter(t -> alertsAt(alert, t)).findFirst();
            if (wantedAt.isEmpty()) {
                lines.add(
                        "The budget "
                                + name
                                + " also has "
                                + describe(alert.notification())
                                + ": left alone.");
                continue;
            }
            for (Subscriber subscriber : alert.subscribers()) {
                if (!wantedEmails().contains(address(subscriber))) {
                    lines.add(
                            describe(subscriber)
                                    + " also gets the "
                                    + WantedBudget.percent(wantedAt.get())
                                    + " alert of "
                                    + name
                                    + ": left alone.");
                }
            }
        }
        return lines;
    }

    /** The alerts whose subscribers AWS did not list, one warning line each. */
    List<String> unread() {
        return found.notifications().stream()
                .filter(alert -> !alert.subscribersRead())
                .map(
                        alert ->
                                "Could not read who gets "
                                        + describe(alert.notification())
                                        + " of the budget "
                                        + wanted.name()
                                        + " (AWS answered with a server error): its subscribers"
                                        + " are left as they are; check them in the Budgets"
                                        + " console, or run again.")
                .toList();
    }

    /** How many alerts the budget will have once the missing ones are added. */
    int alertsAfterwards() {
        return found.notifications().size() + missingThresholds.size();
    }

    /** The most e-mail subscribers any alert will have once the missing ones are added. */
    int emailsPerAlertAfterwards() {
        int most = 0;
        for (Alert alert : found.notifications()) {
            long added =
                    missingSubscribers.stream()
                            .filter(s -> s.notification().equals(alert.notification()))
                            .count();
            most = Math.max(most, emails(alert).size() + (int) added);
        }
        return most;
    }

    private Optional<Alert> alertAt(BigDecimal threshold) {
        return found.notifications().stream().filter(a -> alertsAt(a, threshold)).findFirst();
    }

    /** Whether {@code alert} fires when actual cost passes {@code threshold} percent. */
    private static boolean alertsAt(Alert alert, BigDecimal threshold) {
        Notification n = alert.notification();
        return n.notificationType() == NotificationType.ACTUAL
                && n.comparisonOperator() == ComparisonOperator.GREATER_THAN
                // AWS takes an alert without a threshold type as a percentage.
                && (n.thresholdType() == null || n.thresholdType() == ThresholdType.PERCENTAGE)
                && n.threshold() != null
                && BigDecimal.valueOf(n.threshold()).compareTo(threshold) == 0;
    }

    private static List<String> differences(WantedBudget wanted, Budget budget) {
        List<String> lines = new ArrayList<>();
        if (budget.budgetType() != BudgetType.COST) {
            lines.add("it is a " + budget.budgetTypeAsString() + " budget, not a COST budget");
        }
        if (budget.timeUnit() != TimeUnit.MONTHLY) {
            lines.add("its period is " + budget.timeUnitAsString() + ", not MONTHLY");
        }
        if (budget.hasPlannedBudgetLimits() || budget.autoAdjustData() != null) {
            lines.add("its amount is planned or adjusted automatically, not fixed");
        }
        Spend limit = budget.budgetLimit();
        if (limit == null) {
            lines.add("it has no amount, not " + WantedBudget.plain(wanted.amount()) + " USD");
            return lines;
        }
        if (!WantedBudget.USD.equals(limit.unit())
                || limit.amount() == null
                || limit.amount().compareTo(wanted.amount()) != 0) {
            lines.add(
                    "its amount is "
                            + (limit.amount() == null ? "?" : WantedBudget.plain(limit.amount()))
                            + " "
                            + limit.unit()
                            + ", not "
                            + WantedBudget.plain(wanted.amount())
                            + " USD");
        }
        if (budget.timePeriod() != null
                && budget.timePeriod().end() != null
                && budget.timePeriod().end().isBefore(WantedBudget.RECURRING_END)) {
            lines.add(
                    "it ends on "
                            + budget.timePeriod().end().toString().substring(0, 10)
                            + ", rather than recurring");
        }
        return lines;
    }

    private List<String> wantedEmails() {
        return wanted.emails().stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
    }

    /** The e-mail addresses an alert goes to, in lower case: AWS mails them as one. */
    private static List<String> emails(Alert alert) {
        return alert.subscribers().stream()
                .filter(s -> s.subscriptionType() == SubscriptionType.EMAIL)
                .map(BudgetComparison::address)
                .toList();
    }

    private static String address(Subscriber subscriber) {
        return String.valueOf(subscriber.address()).toLowerCase(Locale.ROOT);
    }

    private static String describe(Subscriber subscriber) {
        if (subscriber.subscriptionType() == SubscriptionType.SNS) {
            return "The SNS topic " + subscriber.address();
        }
        return subscriber.address();
    }

    /** An alert in words, such as {@code an alert when forecasted cost is greater than 100 %}. */
    static String describe(Notification n) {
        String amount =
                n.threshold() == null ? "?" : WantedBudget.plain(BigDecimal.valueOf(n.threshold()));
        String unit = n.thresholdType() == ThresholdType.ABSOLUTE_VALUE ? " USD" : " %";
        return "an alert when "
                + String.valueOf(n.notificationTypeAsString()).toLowerCase(Locale.ROOT)
                + " cost is "
                + String.valueOf(n.comparisonOperatorAsString())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', ' ')
                + " "
                + amount
                + unit;
    }
}
