package dev.awsbootstrap.steps.budget;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.answers.AnswersValidator;
import dev.awsbootstrap.aws.AwsCall;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.steps.budget.BudgetComparison.MissingSubscriber;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Step 9: a monthly cost budget of a fixed amount in USD, recurring, with an e-mail alert on actual
 * cost at each threshold. A budget of the same name is compared, never recreated: missing alerts
 * and subscribers are added, other settings are updated on confirmation, and whatever else it has
 * is left alone.
 */
public final class BudgetStep implements Step<BudgetStep.Found> {
    public static final String KEY = "budget";

    /** What the resume file records of the budget: its name. */
    public static final String BUDGET_NAME = "budgetName";

    /** The answers-file and resume-file key of the budget's name. */
    public static final String NAME_ANSWER = BudgetQuestions.NAME;

    /**
     * What the inspection found.
     *
     * @param name the budget's name, from the answers
     * @param inspected false in a dry run without credentials, when nothing could be read
     * @param budget the budget of that name, when it exists
     */
    public record Found(String name, boolean inspected, Optional<ExistingBudget> budget) {}

    private final Answers answers;

    public BudgetStep(Answers answers) {
        this.answers = answers;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Cost budget and alerts";
    }

    @Override
    public Found inspect(StepContext context) {
        BudgetQuestions.requireUsd(answers.budget());
        String name = BudgetQuestions.name(answers.budget(), context);
        if (context.offline()) {
            return new Found(name, false, Optional.empty());
        }
        return new Found(
                name,
                true,
                ExistingBudget.read(context.clients().budgets(), context.account().id(), name));
    }

    @Override
    public Plan plan(Found found, StepContext context) {
        WantedBudget wanted = BudgetQuestions.ask(found.name(), answers.budget(), context);
        String accountId = context.account().id();
        Plan plan = new Plan();
        if (!found.inspected()) {
            context.console().info("No credentials: the budget is planned as new.");
        }
        if (found.budget().isEmpty()) {
            return plan.change(
                    "Create the budget " + wanted.name() + ": " + wanted.summary(),
                    c -> create(c, accountId, wanted));
        }
        return planExisting(plan, found.budget().get(), wanted, context);
    }

    private static Plan planExisting(
            Plan plan, ExistingBudget existing, WantedBudget wanted, StepContext context) {
        Console console = context.console();
        String name = wanted.name();
        remember(context, name);
        BudgetComparison comparison = BudgetComparison.of(wanted, existing);
        comparison.leftAlone().forEach(console::info);
        comparison.unread().forEach(console::warn);
        checkLimits(name, comparison);
        if (comparison.inPlace()) {
            console.info("The budget " + name + " is in place.");
            return plan;
        }
        plan.found("The budget " + name + " exists.");
        if (comparison.settingsDiffer()) {
            planUpdate(plan, existing, wanted, comparison, context);
        }
        String accountId = context.account().id();
        for (BigDecimal threshold : comparison.missingThresholds()) {
            AwsCall<?, ?> call = BudgetCalls.createNotification(accountId, wanted, threshold);
            plan.change(
                    "Add the alert at " + WantedBudget.percent(threshold) + " to " + name,
                    c -> c.changes().apply(call));
        }
        for (MissingSubscriber missing : comparison.missingSubscribers()) {
            AwsCall<?, ?> call =
                    BudgetCalls.createSubscriber(
                            accountId, name, missing.notification(), missing.email());
            plan.change(
                    "E-mail the "
                            + WantedBudget.percent(missing.threshold())
                            + " alert of "
                            + name
                            + " to "
                            + missing.email(),
                    c -> c.changes().apply(call));
        }
        return plan;
    }

    /** Plans the update of the budget's settings, once the operator has agreed to it. */
    private static void planUpdate(
            Plan plan,
            ExistingBudget existing,
            WantedBudget wanted,
            BudgetComparison comparison,
            StepContext context) {
        Console console = context.console();
        String name = wanted.name();
        String summary = String.join(", ", comparison.differences());
        comparison.differences().forEach(d -> console.warn("The budget " + name + ": " + d + "."));
        if (!context.dryRun() && !confirmUpdate(name, summary, console)) {
            console.warn("Leaving the settings of the budget " + name + " as they are.");
            plan.outcome(StepStatus.RISK_ACCEPTED, "budget " + name + " left as it is: " + summary);
            return;
        }
        String accountId = context.account().id();
        plan.change(
                "Update the budget "
                        + name
                        + " to "
                        + WantedBudget.plain(wanted.amount())
                        + " USD a month, fixed",
                c ->
                        c.changes()
                                .apply(
                                        BudgetCalls.updateBudget(
                                                accountId, existing.budget(), wanted)));
    }

    private static boolean confirmUpdate(String name, String summary, Console console) {
        if (!console.canAsk()) {
            // Exit 3, not 2: the answers are valid on their own, and no answer key can say yes
            // to changing a budget that someone may rely on. As with drifted roles, the run
            // waits for a person at the prompt, so a script can tell "needs a human" from
            // "fix the answers file".
            throw new BootstrapException(
                    ExitCode.WAITING_FOR_OPERATOR,
                    "The budget "
                            + name
                            + " differs from the answers ("
                            + summary
                            + "): run aws-bootstrap without --non-interactive to review and"
                            + " update it.");
        }
        return console.confirm("Update the budget " + name + "?", true);
    }

    /**
     * Stops before any change when adding the missing alerts or addresses would pass AWS's limits,
     * which would otherwise fail halfway through.
     */
    private static void checkLimits(String name, BudgetComparison comparison) {
        if (comparison.alertsAfterwards() > AnswersValidator.MAX_THRESHOLDS) {
            throw BootstrapException.badInput(
                    "The budget "
                            + name
                            + " would have "
                            + comparison.alertsAfterwards()
                            + " alerts, and AWS allows "
                            + AnswersValidator.MAX_THRESHOLDS
                            + ": delete the alerts you no longer need in the Budgets console, or"
                            + " give fewer budget.thresholds.");
        }
        if (comparison.emailsPerAlertAfterwards() > AnswersValidator.MAX_EMAILS) {
            throw BootstrapException.badInput(
                    "An alert of the budget "
                            + name
                            + " would e-mail "
                            + comparison.emailsPerAlertAfterwards()
                            + " addresses, and AWS allows "
                            + AnswersValidator.MAX_EMAILS
                            + ": remove the addresses you no longer need in the Budgets console,"
                            + " or give fewer budget.emails.");
        }
    }

    private static void create(StepContext context, String accountId, WantedBudget wanted) {
        context.changes().apply(BudgetCalls.createBudget(accountId, wanted));
        remember(context, wanted.name());
    }

    private static void remember(StepContext context, String name) {
        if (!context.dryRun()) {
            context.remember(BUDGET_NAME, name);
        }
    }
}
