package dev.awsbootstrap.state;

/** Where a step stands, as recorded in the resume file. */
public enum StepStatus {
    /** Not run yet, or stopped before it finished. */
    TO_DO,
    /** Its work is done and checked. */
    DONE,
    /** A console-only step the operator will do later: an open item, not a blocker. */
    LATER,
    /** The operator chose to go on without it: a risk that stays on the summary. */
    RISK_ACCEPTED
}
