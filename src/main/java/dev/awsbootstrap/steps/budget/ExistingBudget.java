package dev.awsbootstrap.steps.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.Subscriber;

/**
 * A budget that exists, with its alerts and who gets them, as the read-only Describe calls show it.
 *
 * @param notifications each alert with its subscribers, in the order AWS lists them
 */
public record ExistingBudget(Budget budget, List<Alert> notifications) {
    public ExistingBudget {
        notifications = List.copyOf(notifications);
    }

    /**
     * One alert of the budget and its subscribers.
     *
     * @param subscribersRead false when AWS failed to list them: they are then unknown, not none
     */
    public record Alert(
            Notification notification, List<Subscriber> subscribers, boolean subscribersRead) {
        public Alert {
            notification = identity(notification);
            subscribers = List.copyOf(subscribers);
        }
    }

    /**
     * Reads the budget {@code name} of {@code accountId}: DescribeBudget, then
     * DescribeNotificationsForBudget and DescribeSubscribersForNotification for each alert.
     *
     * @return empty when there is no budget of that name
     */
    static Optional<ExistingBudget> read(BudgetsClient budgets, String accountId, String name) {
        Budget budget;
        try {
            budget = budgets.describeBudget(q -> q.accountId(accountId).budgetName(name)).budget();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        List<Alert> alerts = new ArrayList<>();
        Iterable<Notification> notifications =
                budgets.describeNotificationsForBudgetPaginator(
                                q -> q.accountId(accountId).budgetName(name))
                        .notifications();
        for (Notification notification : notifications) {
            alerts.add(alert(budgets, accountId, name, identity(notification)));
        }
        return Optional.of(new ExistingBudget(budget, alerts));
    }

    /**
     * The alert with its subscribers. A server error that outlasts the SDK's retries leaves them
     * unknown instead of stopping the wizard: the step removes nothing either way, says so, and the
     * next run reads them again. (moto, which the tests run against, does not implement
     * DescribeSubscribersForNotification and always answers 500.)
     */
    private static Alert alert(
            BudgetsClient budgets, String accountId, String name, Notification notification) {
        try {
            List<Subscriber> subscribers =
                    budgets
                            .describeSubscribersForNotificationPaginator(
                                    q ->
                                            q.accountId(accountId)
                                                    .budgetName(name)
                                                    .notification(notification))
                            .subscribers()
                            .stream()
                            .toList();
            return new Alert(notification, subscribers, true);
        } catch (AwsServiceException e) {
            if (e.statusCode() < 500) {
                throw e;
            }
            return new Alert(notification, List.of(), false);
        }
    }

    /**
     * The notification as AWS identifies it in later calls: its type, comparison and threshold,
     * without the state (OK or ALARM) that describing it adds.
     */
    static Notification identity(Notification notification) {
        return notification.toBuilder().notificationState((String) null).build();
    }
}
