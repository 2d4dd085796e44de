package dev.awsbootstrap.wizard;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.aws.AwsErrors;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.state.StepStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine: runs the steps in order, each inspecting, planning and applying, and records every
 * outcome in the resume file so that an interrupted run resumes where it stopped.
 */
public final class Wizard {
    private final List<Step<?>> steps;

    public Wizard(List<Step<?>> steps) {
        this.steps = List.copyOf(steps);
    }

    public List<Step<?>> steps() {
        return steps;
    }

    /** Runs every step; stops at the first failure, which the next run resumes from. */
    public RunReport run(StepContext context) {
        List<RunReport.StepOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step<?> step = steps.get(i);
            context.console().header("[" + (i + 1) + "/" + steps.size() + "] " + step.title());
            try {
                outcomes.add(runStep(step, context));
            } catch (BootstrapException e) {
                if (e.exitCode() == ExitCode.WAITING_FOR_OPERATOR && context.session().bound()) {
                    recordWaiting(context, step, e);
                }
                throw e;
            } catch (RuntimeException e) {
                if (AwsErrors.isAwsFailure(e)) {
                    throw AwsErrors.describe(e, context.clients().lastOperation());
                }
                throw e;
            }
        }
        return new RunReport(
                context.account(),
                outcomes,
                context.changes().calls(),
                context.changes().plannedCommands(),
                context.dryRun());
    }

    /** Notes the stop in the resume file; failing that, the stop itself is still what is said. */
    private static void recordWaiting(StepContext context, Step<?> step, BootstrapException stop) {
        try {
            context.session().recordWaiting(step.key(), stop.getMessage());
        } catch (RuntimeException e) {
            stop.addSuppressed(e);
        }
    }

    private <F> RunReport.StepOutcome runStep(Step<F> step, StepContext context) {
        Console console = context.console();
        context.enterStep(step.key());
        if (context.session().bound()) {
            context.session().clearWaiting(step.key());
        }
        F found = step.inspect(context);
        Plan plan = step.plan(found, context);
        plan.findings().forEach(console::info);
        if (plan.changes().isEmpty() && plan.outcome() == StepStatus.DONE) {
            console.success(plan.nothingToChangeMessage());
        }
        if (!plan.changes().isEmpty()) {
            context.session().claim();
        }
        for (Plan.Change change : plan.changes()) {
            console.info((context.dryRun() ? "Would: " : "→ ") + change.summary());
            change.apply().accept(context);
        }
        if (plan.outcome() == StepStatus.DONE && !plan.changes().isEmpty() && !context.dryRun()) {
            console.success("Done.");
        }
        if (context.session().bound()) {
            context.session()
                    .recordStatus(
                            step.key(),
                            plan.outcome(),
                            plan.note(),
                            !plan.changes().isEmpty() && !context.dryRun());
        }
        StepStatus outcome =
                context.dryRun() && !plan.changes().isEmpty() ? StepStatus.TO_DO : plan.outcome();
        return new RunReport.StepOutcome(step.key(), step.title(), outcome, plan.note());
    }
}
