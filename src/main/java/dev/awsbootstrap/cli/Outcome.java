package dev.awsbootstrap.cli;

import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StepRecord;
import dev.awsbootstrap.wizard.RunReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the account has once a run ends, as the resume file records it: the alias and its sign-in
 * URL, the operator's user, and what each step created (names, ARNs and ids; never a secret).
 */
record Outcome(
        Optional<String> alias, Optional<String> user, Map<String, Map<String, String>> created) {

    static Outcome of(RunReport report, Optional<ResumeState> state) {
        if (state.isEmpty()) {
            return new Outcome(Optional.empty(), Optional.empty(), Map.of());
        }
        ResumeState saved = state.get();
        Map<String, Map<String, String>> created = new LinkedHashMap<>();
        for (RunReport.StepOutcome step : report.steps()) {
            StepRecord record = saved.getSteps().get(step.key());
            if (record != null && !record.getCreated().isEmpty()) {
                created.put(step.key(), Map.copyOf(record.getCreated()));
            }
        }
        return new Outcome(saved.answer("accountAlias"), saved.answer("user.name"), created);
    }

    /** The console sign-in page of the account's alias. */
    Optional<String> signInUrl() {
        return alias.map(a -> "https://" + a + ".signin.aws.amazon.com/console");
    }
}
