package dev.awsbootstrap.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place every mutating AWS call passes through. In a real run it sends the call and counts
 * it; in a dry run it sends nothing and hands the call, as an AWS CLI command, to the plan.
 */
public final class AwsChanges {
    private static final Logger LOG = LoggerFactory.getLogger(AwsChanges.class);

    private final AwsClients clients;
    private final boolean dryRun;
    private final Consumer<String> planListener;
    private final List<String> made = new ArrayList<>();
    private final List<String> planned = new ArrayList<>();

    public AwsChanges(AwsClients clients, boolean dryRun, Consumer<String> planListener) {
        this.clients = clients;
        this.dryRun = dryRun;
        this.planListener = planListener;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /**
     * Makes the call, or in a dry run only plans it.
     *
     * @return the response, or empty in a dry run
     */
    public <R> Optional<R> apply(AwsCall<?, R> call) {
        String command = call.asCliCommand();
        String name = call.service() + ":" + call.operation();
        if (dryRun) {
            made.add(name);
            planned.add(command);
            planListener.accept(command);
            return Optional.empty();
        }
        LOG.debug("AWS change: {}", command);
        clients.recordOperation(call.service(), call.operation());
        R response = ChangeGuard.allowingChanges(() -> call.send(clients));
        made.add(name);
        return Optional.ofNullable(response);
    }

    /** The AWS CLI commands of a dry run's plan so far; empty in a real run. */
    public List<String> plannedCommands() {
        return List.copyOf(planned);
    }

    /** The calls made (or, in a dry run, planned) so far, as {@code service:Operation}. */
    public List<String> calls() {
        return List.copyOf(made);
    }
}
