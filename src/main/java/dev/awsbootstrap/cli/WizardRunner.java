package dev.awsbootstrap.cli;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.answers.AnswersFile;
import dev.awsbootstrap.aws.AwsChanges;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.aws.AwsErrors;
import dev.awsbootstrap.aws.AwsRegions;
import dev.awsbootstrap.aws.AwsSettings;
import dev.awsbootstrap.console.TextConsole;
import dev.awsbootstrap.localfiles.AwsSharedFiles;
import dev.awsbootstrap.steps.account.AccountAliasStep;
import dev.awsbootstrap.steps.account.BillingAccessStep;
import dev.awsbootstrap.steps.account.CallerStep;
import dev.awsbootstrap.steps.account.RootMfaStep;
import dev.awsbootstrap.steps.budget.BillingAlertsStep;
import dev.awsbootstrap.steps.budget.BudgetStep;
import dev.awsbootstrap.steps.cliconfig.CliConfigStep;
import dev.awsbootstrap.steps.roles.RolesStep;
import dev.awsbootstrap.steps.user.AccessKeyStep;
import dev.awsbootstrap.steps.user.AssumeRolesPolicyStep;
import dev.awsbootstrap.steps.user.MfaDeviceStep;
import dev.awsbootstrap.steps.user.UsedMfaCodes;
import dev.awsbootstrap.steps.user.UserStep;
import dev.awsbootstrap.steps.verify.RootAccessKeyStep;
import dev.awsbootstrap.steps.verify.VerifyStep;
import dev.awsbootstrap.wizard.ResumeSession;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Wires a wizard run together from the command line: answers, clients, console, resume file. */
final class WizardRunner {
    private final Main.Streams streams;
    private final CommonOptions options;

    WizardRunner(Main.Streams streams, CommonOptions options) {
        this.streams = streams;
        this.options = options;
        ConsoleFactory.configureLogging(options.verbose);
    }

    /**
     * The steps of the wizard, in order.
     *
     * @param home the user's home directory, for the AWS files
     * @param environment the process environment, for the AWS file variables and the password
     */
    static List<Step<?>> steps(Answers answers, Path home, Function<String, String> environment) {
        UsedMfaCodes mfaCodes = new UsedMfaCodes();
        return List.of(
                new CallerStep(answers),
                new RootMfaStep(answers),
                new AccountAliasStep(answers),
                new BillingAccessStep(answers),
                new RolesStep(answers),
                new UserStep(answers, environment),
                new MfaDeviceStep(answers, environment, mfaCodes),
                new AssumeRolesPolicyStep(answers),
                new AccessKeyStep(answers, home, environment),
                new BudgetStep(answers),
                new BillingAlertsStep(answers),
                new CliConfigStep(answers, home, environment),
                new VerifyStep(answers, home, environment, mfaCodes),
                new RootAccessKeyStep(home, environment));
    }

    int run(boolean dryRun, Path answersFile, boolean nonInteractive) {
        TextConsole console = ConsoleFactory.create(streams, options, nonInteractive);
        try {
            Answers answers = readAnswers(answersFile);
            return runWizard(console, answers, dryRun);
        } catch (BootstrapException e) {
            console.error(e.getMessage());
            if (options.verbose && e.getCause() != null) {
                console.trace(e.getCause());
            }
            return e.exitCode().code();
        } catch (RuntimeException e) {
            console.error(
                    "Unexpected failure: "
                            + e
                            + ". Run again to resume; --verbose shows"
                            + " the details.");
            if (options.verbose) {
                console.trace(e);
            }
            return ExitCode.FAILED.code();
        }
    }

    private Answers readAnswers(Path file) {
        if (file == null) {
            return Answers.none();
        }
        return AnswersFile.read(file, AwsRegions::isKnown, streams.environment()::get);
    }

    private int runWizard(TextConsole console, Answers answers, boolean dryRun) {
        checkRegion(options);
        // The SDK reads these files while it looks for credentials and the region: one it cannot
        // parse must stop the run here, before any AWS call, rather than half-way.
        AwsSharedFiles.check(streams.home(), streams.environment()::get);
        AwsSettings settings =
                new AwsSettings(
                        Optional.ofNullable(options.profile),
                        Optional.ofNullable(options.region),
                        endpoint(),
                        dryRun);
        try (AwsClients clients = new AwsClients(settings);
                ResumeSession session =
                        new ResumeSession(
                                Optional.ofNullable(options.state),
                                streams.home(),
                                dryRun,
                                Clock.systemUTC())) {
            Optional<String> owner = session.readRequestedFile();
            boolean offline = clients.findCredentials().isEmpty();
            if (offline && !dryRun) {
                throw new BootstrapException(ExitCode.FAILED, noCredentials());
            }
            if (owner.isPresent() && !offline) {
                session.requireOwner(callerAccount(clients));
            }
            // With --output json the plan goes into the one JSON document instead of line by line.
            Consumer<String> planPrinter =
                    options.output == CommonOptions.OutputFormat.json ? c -> {} : console::result;
            AwsChanges changes = new AwsChanges(clients, dryRun, planPrinter);
            StepContext context = new StepContext(console, clients, changes, session, offline);
            RunReport report =
                    new Wizard(steps(answers, streams.home(), streams.environment()::get))
                            .run(context);
            new ReportPrinter(console, options.output)
                    .print(
                            report,
                            session.bound() ? Optional.of(session.state()) : Optional.empty(),
                            session.file());
            return ExitCode.DONE.code();
        }
    }

    /**
     * The account of the credentials, asked before the first step to check a --state file; the
     * caller step reuses the answer.
     */
    private static String callerAccount(AwsClients clients) {
        try {
            return clients.callerIdentity().account();
        } catch (RuntimeException e) {
            if (AwsErrors.isAwsFailure(e)) {
                throw AwsErrors.describe(e, clients.lastOperation());
            }
            throw e;
        }
    }

    /** Exit 2 when --region names no AWS region. */
    static void checkRegion(CommonOptions options) {
        if (options.region != null && !AwsRegions.isKnown(options.region)) {
            throw BootstrapException.badInput(
                    "--region \""
                            + options.region
                            + "\" is not an AWS region code: use one such"
                            + " as eu-west-2.");
        }
    }

    private String noCredentials() {
        if (options.profile == null) {
            return AwsErrors.NO_CREDENTIALS;
        }
        return "The profile "
                + options.profile
                + " has no usable credentials: check its name in"
                + " ~/.aws/config and ~/.aws/credentials (aws configure --profile "
                + options.profile
                + "), or run without --profile.";
    }

    private Optional<URI> endpoint() {
        return endpoint(options);
    }

    /** The --endpoint-url option as a URI; exit 2 when it is not a URL. */
    static Optional<URI> endpoint(CommonOptions options) {
        if (options.endpointUrl == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(options.endpointUrl);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(options.endpointUrl, "no scheme or host");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw BootstrapException.badInput(
                    "--endpoint-url \""
                            + options.endpointUrl
                            + "\" is not a URL: give one such"
                            + " as http://127.0.0.1:5000.");
        }
    }
}
