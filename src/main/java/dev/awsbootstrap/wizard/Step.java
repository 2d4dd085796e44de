package dev.awsbootstrap.wizard;

/**
 * One step of the wizard. It first inspects what exists with read-only calls, then plans what is
 * still needed; the engine applies the plan and records the outcome. A step whose work is done
 * plans no change.
 *
 * @param <F> what the inspection found
 */
public interface Step<F> {
    /** The step's stable name in the resume file, such as {@code account-alias}. */
    String key();

    /** The step's title for the operator, such as {@code Account alias}. */
    String title();

    /** Reads what already exists; makes no change. */
    F inspect(StepContext context);

    /** Decides what is still needed, asking the operator where an answer is missing. */
    Plan plan(F found, StepContext context);
}
