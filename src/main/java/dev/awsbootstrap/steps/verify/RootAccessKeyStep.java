package dev.awsbootstrap.steps.verify;

import dev.awsbootstrap.aws.AwsCall;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.localfiles.AtomicFiles;
import dev.awsbootstrap.localfiles.AwsFileLocations;
import dev.awsbootstrap.localfiles.AwsProfileFile;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;

/**
 * The last step: when the wizard ran on an access key of the root user, it offers, once the new
 * profiles are verified, to delete that key, as the guide's checklist asks ("root user only used
 * for tasks that require it"). Never without the operator's yes.
 */
public final class RootAccessKeyStep implements Step<RootAccessKeyStep.Found> {
    public static final String KEY = "root-access-key";

    /** What the step records once it deleted the root user's access key: the key's id. */
    public static final String DELETED_KEY = "deletedRootAccessKeyId";

    private final Path home;
    private final Function<String, String> environment;

    /**
     * @param home the user's home directory, for the credentials file
     * @param environment the process environment, for {@code AWS_SHARED_CREDENTIALS_FILE}
     */
    public RootAccessKeyStep(Path home, Function<String, String> environment) {
        this.home = home;
        this.environment = environment;
    }

    /** The root user's long-term access key this run signs with, if it does. */
    public record Found(Optional<String> rootKeyId) {}

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Root user's access key";
    }

    @Override
    public Found inspect(StepContext context) {
        if (context.offline() || !context.account().callerIsRoot()) {
            return new Found(Optional.empty());
        }
        return new Found(
                context.clients()
                        .findCredentials()
                        .filter(credentials -> !(credentials instanceof AwsSessionCredentials))
                        .map(AwsCredentials::accessKeyId));
    }

    @Override
    public Plan plan(Found found, StepContext context) {
        Plan plan = new Plan();
        if (found.rootKeyId().isEmpty()) {
            return plan.found("This run did not sign in with a root access key.");
        }
        String keyId = found.rootKeyId().get();
        String later =
                "The root user has the access key "
                        + keyId
                        + ": delete it once you no longer need it (account menu, Security"
                        + " credentials, Access keys), and work as your IAM user.";
        boolean verified =
                context.session().bound()
                        && context.session().state().statusOf(VerifyStep.KEY) == StepStatus.DONE;
        if (!verified && !context.dryRun()) {
            return plan.found("The profiles are not verified yet: the root access key stays.")
                    .outcome(StepStatus.LATER, later);
        }
        Console console = context.console();
        if (!context.dryRun() && !console.canAsk()) {
            return plan.outcome(StepStatus.LATER, later);
        }
        boolean delete =
                context.dryRun()
                        || console.confirm(
                                "This run signed in with the root user's access key "
                                        + keyId
                                        + ". Delete it now? aws-bootstrap, and anything else"
                                        + " using it, will then need your IAM user's profiles"
                                        + " (such as --profile admin).",
                                true);
        if (!delete) {
            return plan.outcome(StepStatus.RISK_ACCEPTED, later);
        }
        String summary =
                context.dryRun()
                        ? "Offer to delete the root user's access key " + keyId + ", once verified"
                        : "Delete the root user's access key " + keyId;
        return plan.change(
                summary,
                c -> {
                    c.changes()
                            .apply(
                                    AwsCall.iam(
                                            DeleteAccessKeyRequest.builder()
                                                    .accessKeyId(keyId)
                                                    .build(),
                                            IamClient::deleteAccessKey));
                    if (!c.dryRun()) {
                        c.remember(DELETED_KEY, keyId);
                        forget(c.console(), keyId);
                    }
                });
    }

    /** Removes the profiles that hold the deleted key from the credentials file. */
    private void forget(Console console, String keyId) {
        Path file = AwsFileLocations.credentialsFile(home, environment);
        AwsProfileFile credentials = AwsProfileFile.read(file);
        List<String> holding =
                credentials.sectionNames().stream()
                        .filter(
                                name ->
                                        credentials
                                                .section(name)
                                                .map(p -> keyId.equals(p.get("aws_access_key_id")))
                                                .orElse(false))
                        .toList();
        holding.forEach(credentials::removeSection);
        Optional<Path> backup = credentials.save(AtomicFiles.OWNER_ONLY);
        if (!holding.isEmpty()) {
            console.info(
                    "Removed the profile "
                            + String.join(", ", holding.stream().map(n -> "[" + n + "]").toList())
                            + ", which held the deleted key, from "
                            + file
                            + backup.map(b -> " (the old file is kept as " + b + ")").orElse("")
                            + ".");
        }
        console.warn(
                "Remove the deleted key from wherever else you kept it: environment variables,"
                        + " your password manager, and backups of the credentials file"
                        + " (credentials.bak-*).");
    }
}
