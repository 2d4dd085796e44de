package dev.awsbootstrap.steps.account;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.AnswerRules;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.console.Console.Choice;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.util.List;
import java.util.Optional;

/**
 * Step 3: IAM access to billing. No API turns it on for a standalone account, so the step shows the
 * console path and records the operator's word: done now, or later (an open item, not a blocker).
 */
public final class BillingAccessStep implements Step<StepStatus> {
    public static final String KEY = "billing-access";
    public static final String ANSWER = "billingAccess";

    static final String INSTRUCTIONS =
            """
            Activate IAM access to billing in the AWS console, signed in as root:
              1. Account menu (top right), then "Account".
              2. Scroll to "IAM User and Role Access to Billing Information", click "Edit".
              3. Tick "Activate IAM Access", then click "Update".
            Direct link: https://console.aws.amazon.com/billing/home#/account
            Without it only the root user can see costs, even from AdminRole.""";

    static final String LATER_NOTE =
            "Activate IAM access to billing in the console (Account, IAM User and Role Access to"
                    + " Billing Information).";

    private final Answers answers;

    public BillingAccessStep(Answers answers) {
        this.answers = answers;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "IAM access to billing";
    }

    @Override
    public StepStatus inspect(StepContext context) {
        return context.session().state().statusOf(KEY);
    }

    @Override
    public Plan plan(StepStatus recorded, StepContext context) {
        Plan plan = new Plan();
        if (recorded == StepStatus.DONE) {
            return plan.found("Confirmed in an earlier run.");
        }
        Console console = context.console();
        String answer = answers.billingAccess();
        if (answer == null) {
            INSTRUCTIONS.lines().forEach(console::info);
            if (context.dryRun()) {
                return plan.found("A real run asks whether you have done it.")
                        .outcome(StepStatus.TO_DO, LATER_NOTE);
            }
            answer = askOperator(context);
        }
        context.session().recordAnswer(ANSWER, answer);
        if (answer.equals("later")) {
            return plan.found("Left for later: it stays an open item in the summary.")
                    .outcome(StepStatus.LATER, LATER_NOTE);
        }
        return plan.found("Confirmed by the operator.");
    }

    private static String askOperator(StepContext context) {
        Optional<String> earlier = context.session().state().answer(ANSWER);
        if (!context.console().canAsk() && earlier.isPresent()) {
            return earlier.get();
        }
        if (!context.console().canAsk()) {
            throw new BootstrapException(
                    ExitCode.WAITING_FOR_OPERATOR,
                    "IAM access to billing is a console step: do it as shown above and answer"
                            + " billingAccess: confirmed, or billingAccess: later, in the answers"
                            + " file.");
        }
        return context.console()
                .choose(
                        "Have you activated IAM access to billing?",
                        List.of(
                                new Choice("confirmed", "yes, it is active"),
                                new Choice("later", "not now: keep it as an open item")),
                        "confirmed",
                        answer -> AnswerRules.oneOf(answer, AnswerRules.CONSOLE_STEP));
    }
}
