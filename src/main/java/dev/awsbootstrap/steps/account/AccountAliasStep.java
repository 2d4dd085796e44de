package dev.awsbootstrap.steps.account;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.answers.AnswerRules;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsCall;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;

/**
 * Step 2: the account alias, a readable name for the sign-in URL. An account has at most one; an
 * existing alias is kept unless the operator chooses to replace it.
 */
public final class AccountAliasStep implements Step<Optional<String>> {
    public static final String KEY = "account-alias";
    public static final String ANSWER = "accountAlias";

    private static final String WHY =
            "The alias names the account in its sign-in URL, so people need not remember the"
                    + " 12-digit id; it must be unique across AWS.";

    private final Answers answers;

    public AccountAliasStep(Answers answers) {
        this.answers = answers;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Account alias";
    }

    @Override
    public Optional<String> inspect(StepContext context) {
        if (context.offline()) {
            return Optional.empty();
        }
        return context.clients().iam().listAccountAliases().accountAliases().stream().findFirst();
    }

    @Override
    public Plan plan(Optional<String> current, StepContext context) {
        Plan plan = new Plan();
        String given = answers.accountAlias();
        if (current.isPresent()) {
            context.console()
                    .info(
                            "The account alias is "
                                    + current.get()
                                    + ": "
                                    + signInUrl(current.get()));
            Optional<String> replacement = replacement(current.get(), given, context);
            if (replacement.isEmpty()) {
                keep(context, current.get());
                return plan;
            }
            String alias = replacement.get();
            return plan.change(
                    "Replace the account alias " + current.get() + " with " + alias,
                    c -> create(c, alias, given == null));
        }
        String alias =
                context.ask()
                        .text(ANSWER, given, "Account alias", WHY, null, AnswerRules::accountAlias);
        return plan.change(
                "Create the account alias " + alias, c -> create(c, alias, given == null));
    }

    /**
     * Records the alias the account already has as this step's work, so that a run resumed after
     * the alias was created records it exactly as an uninterrupted run does.
     */
    private static void keep(StepContext context, String alias) {
        if (!context.dryRun()) {
            context.session().recordAnswer(ANSWER, alias);
            context.remember("accountAlias", alias);
        }
    }

    /** The alias that should replace the current one, or empty to keep it. */
    private Optional<String> replacement(String current, String given, StepContext context) {
        if (given != null && !given.equals(current)) {
            if (context.dryRun() || confirmReplace(current, given, context)) {
                return Optional.of(given);
            }
            return Optional.empty();
        }
        if (given != null || context.dryRun() || !context.console().canAsk()) {
            return Optional.empty();
        }
        if (context.session().bound()
                && context.session().state().answer(ANSWER).filter(current::equals).isPresent()) {
            // The operator chose this alias in an earlier run of this file: no need to ask again.
            return Optional.empty();
        }
        if (context.console().confirm("Keep the alias " + current + "?", true)) {
            return Optional.empty();
        }
        return Optional.of(
                context.console()
                        .ask(
                                "New account alias",
                                null,
                                alias ->
                                        alias.equals(current)
                                                ? Optional.of("that is the current alias")
                                                : AnswerRules.accountAlias(alias)));
    }

    private static boolean confirmReplace(String current, String given, StepContext context) {
        if (!context.console().canAsk()) {
            throw BootstrapException.badInput(
                    "The account already has the alias \""
                            + current
                            + "\" but the answers file"
                            + " asks for \""
                            + given
                            + "\": set accountAlias: "
                            + current
                            + " to keep it, or run interactively to replace it.");
        }
        return context.console()
                .confirm(
                        "Replace the alias "
                                + current
                                + " with "
                                + given
                                + "? The old sign-in URL stops"
                                + " working",
                        false);
    }

    private static void create(StepContext context, String alias, boolean mayAskAgain) {
        Console console = context.console();
        String candidate = alias;
        while (true) {
            try {
                context.changes().apply(createCall(candidate));
                break;
            } catch (EntityAlreadyExistsException e) {
                String problem =
                        "Account alias \""
                                + candidate
                                + "\" is taken by another AWS account: choose another one.";
                if (!mayAskAgain || !console.canAsk()) {
                    throw BootstrapException.badInput(problem);
                }
                console.warn(problem);
                String taken = candidate;
                candidate =
                        console.ask(
                                "Account alias",
                                null,
                                a ->
                                        a.equals(taken)
                                                ? Optional.of("that alias is taken")
                                                : AnswerRules.accountAlias(a));
            }
        }
        if (!context.dryRun()) {
            context.session().recordAnswer(ANSWER, candidate);
            context.remember("accountAlias", candidate);
            console.info("Sign-in URL: " + signInUrl(candidate));
        }
    }

    static AwsCall<CreateAccountAliasRequest, ?> createCall(String alias) {
        return AwsCall.iam(
                CreateAccountAliasRequest.builder().accountAlias(alias).build(),
                IamClient::createAccountAlias);
    }

    /** The console sign-in URL that the alias gives the account. */
    public static String signInUrl(String alias) {
        return "https://" + alias + ".signin.aws.amazon.com/console";
    }
}
