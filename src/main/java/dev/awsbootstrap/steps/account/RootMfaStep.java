package dev.awsbootstrap.steps.account;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.console.Console.Choice;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

/**
 * Step 1: the root user's MFA. Only the console can enable it, so the step shows the guide's
 * instructions, waits for the operator and checks again; going on without it is recorded as a risk.
 */
public final class RootMfaStep implements Step<RootMfaStep.Found> {
    public static final String KEY = "root-mfa";
    public static final String ANSWER = "rootMfa";

    private static final String ACCEPT_RISK = "accept-risk";

    static final String INSTRUCTIONS =
            """
            Enable MFA on the root user in the AWS console, signed in as root:
              1. Click your account name (top right), then "Security credentials".
              2. Under "Multi-factor authentication (MFA)", click "Assign MFA device".
              3. Choose an authenticator app (1Password, Google Authenticator, ...) or a
                 security key, and follow the console's setup.
              4. Store the recovery codes with the root password, in a locked-down vault.
            Direct link: https://console.aws.amazon.com/iam/home#/security_credentials""";

    static final String RISK_NOTE =
            "off; enable it in the console (account menu, Security credentials, Assign MFA"
                    + " device).";

    /** What the account summary says of the root user; a null field was not read. */
    public record Found(Boolean mfaEnabled, Boolean accessKeysPresent) {}

    private final Answers answers;

    public RootMfaStep(Answers answers) {
        this.answers = answers;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Root user MFA";
    }

    @Override
    public Found inspect(StepContext context) {
        if (context.offline()) {
            return new Found(null, null);
        }
        Map<SummaryKeyType, Integer> summary =
                context.clients().iam().getAccountSummary().summaryMap();
        return new Found(
                summary.getOrDefault(SummaryKeyType.ACCOUNT_MFA_ENABLED, 0) > 0,
                summary.getOrDefault(SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT, 0) > 0);
    }

    @Override
    public Plan plan(Found found, StepContext context) {
        Plan plan = new Plan();
        if (Boolean.TRUE.equals(found.accessKeysPresent())) {
            context.console()
                    .warn(
                            "The root user has an access key. Once setup is done, delete it"
                                    + " (Security credentials, Access keys): root keys cannot"
                                    + " be restricted.");
        }
        if (found.mfaEnabled() == null) {
            return plan.found(
                            "Would check that the root user has MFA (aws iam"
                                    + " get-account-summary).")
                    .outcome(StepStatus.TO_DO, "Not checked: no credentials.");
        }
        if (found.mfaEnabled()) {
            return plan.found("The root user has MFA.");
        }
        return planWithoutMfa(plan, context);
    }

    private Plan planWithoutMfa(Plan plan, StepContext context) {
        Console console = context.console();
        console.info("The root user has no MFA.");
        String given = answers.rootMfa();
        if (ACCEPT_RISK.equals(given)) {
            plan.found("Going on without it, as the answers file says: recorded as a risk.");
            return acceptRisk(plan, context);
        }
        if (given == null
                && context.session().state().answer(ANSWER).orElse("").equals(ACCEPT_RISK)) {
            context.console().warn("Going on without root MFA, as accepted in an earlier run.");
            return acceptRisk(plan, context);
        }
        INSTRUCTIONS.lines().forEach(console::info);
        if (context.dryRun()) {
            return plan.found(
                            "A real run at a terminal waits here until root MFA is on; with"
                                    + " --non-interactive it stops with exit 3.")
                    .outcome(StepStatus.TO_DO, RISK_NOTE);
        }
        if (!console.canAsk()) {
            throw new BootstrapException(
                    ExitCode.WAITING_FOR_OPERATOR,
                    "The root user has no MFA: enable it in the console as shown above, then run"
                            + " again; or answer rootMfa: accept-risk to go on without it.");
        }
        return waitForMfa(plan, context);
    }

    private static Plan acceptRisk(Plan plan, StepContext context) {
        context.session().recordAnswer(ANSWER, ACCEPT_RISK);
        return plan.outcome(StepStatus.RISK_ACCEPTED, RISK_NOTE);
    }

    private Plan waitForMfa(Plan plan, StepContext context) {
        List<Choice> choices =
                List.of(
                        new Choice("check", "I have enabled it: check again"),
                        new Choice("accept-risk", "go on without root MFA (recorded as a risk)"),
                        new Choice("stop", "stop here; run again later to resume"));
        while (true) {
            String choice = context.console().choose("Root MFA", choices, "check", null);
            if (choice.equals(ACCEPT_RISK)) {
                return acceptRisk(plan, context);
            }
            if (choice.equals("stop")) {
                throw new BootstrapException(
                        ExitCode.WAITING_FOR_OPERATOR,
                        "Stopped to enable root MFA: run aws-bootstrap again when it is on.");
            }
            if (Boolean.TRUE.equals(inspect(context).mfaEnabled())) {
                context.console().success("The root user has MFA now.");
                return plan;
            }
            context.console().warn("AWS still reports no MFA on the root user.");
        }
    }
}
