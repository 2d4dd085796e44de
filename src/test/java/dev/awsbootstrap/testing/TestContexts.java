package dev.awsbootstrap.testing;

import dev.awsbootstrap.aws.AwsChanges;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.wizard.Account;
import dev.awsbootstrap.wizard.ResumeSession;
import dev.awsbootstrap.wizard.StepContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a {@link StepContext} for one step, bound to a resume file in a temporary folder. */
public final class TestContexts {
    /** The account id moto answers with. */
    public static final String ACCOUNT_ID = "123456789012";

    private TestContexts() {}

    /** A context for a real run with {@code clients}, the account already bound. */
    public static StepContext realRun(TestConsole console, AwsClients clients, Path home) {
        return build(console, clients, home, false, new ArrayList<>());
    }

    /** A context for a dry run; the planned CLI commands are added to {@code plan}. */
    public static StepContext dryRun(
            TestConsole console, AwsClients clients, Path home, List<String> plan) {
        return build(console, clients, home, true, plan);
    }

    private static StepContext build(
            TestConsole console, AwsClients clients, Path home, boolean dryRun, List<String> plan) {
        ResumeSession session =
                new ResumeSession(Optional.empty(), home, dryRun, Clock.systemUTC());
        StepContext context =
                new StepContext(
                        console.console(),
                        clients,
                        new AwsChanges(clients, dryRun, plan::add),
                        session,
                        false);
        context.bindAccount(new Account(ACCOUNT_ID, "arn:aws:iam::" + ACCOUNT_ID + ":root"));
        return context;
    }
}
