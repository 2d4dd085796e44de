package dev.awsbootstrap.steps.budget;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.testing.MotoClients;
import dev.awsbootstrap.testing.MotoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mockito.Mockito;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.CreateNotificationRequest;
import software.amazon.awssdk.services.budgets.model.CreateSubscriberRequest;
import software.amazon.awssdk.services.budgets.model.CreateSubscriberResponse;
import software.amazon.awssdk.services.budgets.model.DescribeSubscribersForNotificationRequest;
import software.amazon.awssdk.services.budgets.model.DescribeSubscribersForNotificationResponse;
import software.amazon.awssdk.services.budgets.model.DuplicateRecordException;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotificationWithSubscribers;
import software.amazon.awssdk.services.budgets.model.Subscriber;

/**
 * The wizard's Budgets client on moto, as a Mockito spy that fills moto's gaps. moto 5 keeps the
 * subscribers of each alert but implements neither DescribeSubscribersForNotification nor
 * CreateSubscriber (nor UpdateBudget: tests stub that one themselves). The spy sends everything
 * else to moto, remembers the subscribers of each CreateBudget and CreateNotification that reaches
 * moto, lists them and adds to them as AWS does.
 */
final class MotoBudgets implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MotoServer moto;
    private final AwsClients real;
    private final BudgetsClient budgets;
    private final AwsClients clients = mock(AwsClients.class);

    /** The subscribers of each alert, by budget name. */
    private final Map<String, Map<Notification, List<Subscriber>>> subscribers = new HashMap<>();

    MotoBudgets(MotoServer moto, boolean dryRun) {
        this.moto = moto;
        this.real = MotoClients.at(moto.endpoint(), dryRun);
        this.budgets = Mockito.spy(real.budgets());
        when(clients.budgets()).thenReturn(budgets);
        fillMotosGaps();
    }

    /** The clients to give the step: the spy is their Budgets client. */
    AwsClients clients() {
        return clients;
    }

    /** The spy, to stub or verify calls on. */
    BudgetsClient spy() {
        return budgets;
    }

    /** Makes a budget as someone else might have, straight in moto, past the wizard. */
    void create(CreateBudgetRequest request) {
        moto.budgets().createBudget(request);
        request.notificationsWithSubscribers().forEach(n -> remember(request.budget(), n));
    }

    /** Who gets the alert {@code notification} of {@code budget}, as the spy lists them. */
    List<Subscriber> subscribers(String budget, Notification notification) {
        return List.copyOf(alerts(budget).getOrDefault(notification, List.of()));
    }

    /** The alerts moto itself stored, with their subscribers, from its model dump. */
    JsonNode storedInMoto() {
        URI dump = moto.endpoint().resolve("/moto-api/data.json");
        try {
            return JSON.readTree(dump.toURL()).path("budgets").path("Notification");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fillMotosGaps() {
        doAnswer(
                        call -> {
                            Object response = call.callRealMethod();
                            CreateBudgetRequest request = call.getArgument(0);
                            request.notificationsWithSubscribers()
                                    .forEach(n -> remember(request.budget(), n));
                            return response;
                        })
                .when(budgets)
                .createBudget(any(CreateBudgetRequest.class));
        doAnswer(
                        call -> {
                            Object response = call.callRealMethod();
                            CreateNotificationRequest request = call.getArgument(0);
                            alerts(request.budgetName())
                                    .put(
                                            request.notification(),
                                            new ArrayList<>(request.subscribers()));
                            return response;
                        })
                .when(budgets)
                .createNotification(any(CreateNotificationRequest.class));
        doAnswer(call -> listSubscribers(call.getArgument(0)))
                .when(budgets)
                .describeSubscribersForNotification(
                        any(DescribeSubscribersForNotificationRequest.class));
        doAnswer(call -> addSubscriber(call.getArgument(0)))
                .when(budgets)
                .createSubscriber(any(CreateSubscriberRequest.class));
    }

    private DescribeSubscribersForNotificationResponse listSubscribers(
            DescribeSubscribersForNotificationRequest request) {
        List<Subscriber> list = alerts(request.budgetName()).get(request.notification());
        if (list == null) {
            throw NotFoundException.builder().message("No such notification.").build();
        }
        return DescribeSubscribersForNotificationResponse.builder().subscribers(list).build();
    }

    private CreateSubscriberResponse addSubscriber(CreateSubscriberRequest request) {
        List<Subscriber> list = alerts(request.budgetName()).get(request.notification());
        if (list == null) {
            throw NotFoundException.builder().message("No such notification.").build();
        }
        if (list.contains(request.subscriber())) {
            throw DuplicateRecordException.builder().message("Subscriber exists.").build();
        }
        list.add(request.subscriber());
        return CreateSubscriberResponse.builder().build();
    }

    private void remember(Budget budget, NotificationWithSubscribers alert) {
        alerts(budget.budgetName()).put(alert.notification(), new ArrayList<>(alert.subscribers()));
    }

    private Map<Notification, List<Subscriber>> alerts(String budget) {
        return subscribers.computeIfAbsent(budget, name -> new HashMap<>());
    }

    @Override
    public void close() {
        real.close();
    }
}
