package dev.awsbootstrap.wizard;

import dev.awsbootstrap.state.StepStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What a step found, the changes it still needs, and the status it ends with. */
public final class Plan {
    private final List<String> findings = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();
    private StepStatus outcome = StepStatus.DONE;
    private String note;
    private String nothingToChange = "Nothing to change.";

    /** A fact the inspection found, shown to the operator. */
    public Plan found(String finding) {
        findings.add(finding);
        return this;
    }

    /**
     * A change still needed; {@code apply} makes its AWS calls through {@link StepContext#changes}.
     */
    public Plan change(String summary, Consumer<StepContext> apply) {
        changes.add(new Change(summary, apply));
        return this;
    }

    /** The status the step ends with when its changes are applied (DONE unless said otherwise). */
    public Plan outcome(StepStatus status, String note) {
        this.outcome = status;
        this.note = note;
        return this;
    }

    /**
     * What to say when the step is done without a change, instead of "Nothing to change.": a check
     * that passed, for instance.
     */
    public Plan nothingToChange(String message) {
        this.nothingToChange = message;
        return this;
    }

    public String nothingToChangeMessage() {
        return nothingToChange;
    }

    public List<String> findings() {
        return List.copyOf(findings);
    }

    public List<Change> changes() {
        return List.copyOf(changes);
    }

    public StepStatus outcome() {
        return outcome;
    }

    public String note() {
        return note;
    }

    /** One change of a plan. */
    public record Change(String summary, Consumer<StepContext> apply) {}
}
