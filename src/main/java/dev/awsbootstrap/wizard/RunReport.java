package dev.awsbootstrap.wizard;

import dev.awsbootstrap.state.StepStatus;
import java.util.List;

/**
 * What a run did: each step's outcome and the AWS changes made (or, in a dry run, planned).
 *
 * @param changes the mutating calls, as {@code service:Operation}, in order
 * @param plan in a dry run, the same calls as AWS CLI commands
 */
public record RunReport(
        Account account,
        List<StepOutcome> steps,
        List<String> changes,
        List<String> plan,
        boolean dryRun) {

    /** The steps that leave something to the operator: console steps for later, risks. */
    public List<StepOutcome> openItems() {
        return steps.stream().filter(s -> s.status() != StepStatus.DONE).toList();
    }

    /** One step's outcome. */
    public record StepOutcome(String key, String title, StepStatus status, String note) {}
}
