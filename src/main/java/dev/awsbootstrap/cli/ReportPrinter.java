package dev.awsbootstrap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.status.Recorded;
import dev.awsbootstrap.wizard.RunReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/** Prints the closing summary of a run: a table, or one JSON document. */
final class ReportPrinter {
    private final Console console;
    private final CommonOptions.OutputFormat format;

    ReportPrinter(Console console, CommonOptions.OutputFormat format) {
        this.console = console;
        this.format = format;
    }

    void print(RunReport report, Optional<ResumeState> state, Optional<Path> stateFile) {
        Outcome outcome = Outcome.of(report, state);
        if (format == CommonOptions.OutputFormat.json) {
            console.result(json(report, outcome, state, stateFile));
            return;
        }
        console.header("Summary");
        StringBuilder table = new StringBuilder();
        for (RunReport.StepOutcome step : report.steps()) {
            table.append(row(step.title(), step.status(), null));
        }
        console.result(table.toString().stripTrailing());
        if (report.dryRun()) {
            console.result(
                    "Dry run: "
                            + report.changes().size()
                            + " change(s) planned, shown"
                            + " above as AWS CLI commands; nothing was changed.");
        } else {
            console.result(
                    report.changes().isEmpty()
                            ? "  No change was needed in AWS."
                            : "  " + report.changes().size() + " change(s) made in AWS.");
        }
        List<RunReport.StepOutcome> open = report.openItems();
        if (!open.isEmpty() && !report.dryRun()) {
            console.result("");
            console.result("Left for you:");
            open.forEach(item -> console.result("  - " + openItem(item)));
        }
        if (!report.dryRun()) {
            outcome.signInUrl()
                    .ifPresent(
                            url ->
                                    console.result(
                                            "\nSign in to the console"
                                                    + outcome.user().map(u -> " as " + u).orElse("")
                                                    + " at "
                                                    + url));
        }
        if (!report.dryRun()) {
            stateFile.ifPresent(file -> console.info("Resume file: " + file));
        }
    }

    /** One line of a table of steps: title, status in words, and the note if any. */
    static String row(String title, StepStatus status, String note) {
        return String.format("  %-30s %-16s%s%n", title, words(status), note == null ? "" : note)
                .replaceAll(" +\n", "\n");
    }

    private static String openItem(RunReport.StepOutcome item) {
        return item.note() == null
                ? item.title() + ": " + words(item.status())
                : item.title() + ": " + item.note();
    }

    /** The state of a step in the words of the summary and of status. */
    static String words(StepStatus status) {
        return status == StepStatus.LATER ? "waiting for you" : recorded(status);
    }

    /** The status as the resume file records it, for the JSON {@code status} field of scripts. */
    static String recorded(StepStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String json(
            RunReport report,
            Outcome outcome,
            Optional<ResumeState> state,
            Optional<Path> stateFile) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("account", report.account().id());
        root.put("dryRun", report.dryRun());
        root.put("alias", outcome.alias().orElse(null));
        root.put("signInUrl", outcome.signInUrl().orElse(null));
        root.put("user", outcome.user().orElse(null));
        state.map(Recorded::of).ifPresent(recorded -> RecordedJson.put(root, recorded));
        ObjectNode created = root.putObject("created");
        outcome.created()
                .forEach(
                        (step, things) -> {
                            ObjectNode node = created.putObject(step);
                            new TreeMap<>(things).forEach(node::put);
                        });
        ArrayNode steps = root.putArray("steps");
        for (RunReport.StepOutcome step : report.steps()) {
            ObjectNode node = steps.addObject();
            node.put("key", step.key());
            node.put("title", step.title());
            node.put("status", recorded(step.status()));
            node.put("note", step.note());
        }
        ArrayNode changes = root.putArray("changes");
        report.changes().forEach(changes::add);
        if (report.dryRun()) {
            ArrayNode plan = root.putArray("plan");
            report.plan().forEach(plan::add);
        }
        ArrayNode open = root.putArray("openItems");
        report.openItems().forEach(item -> open.add(openItem(item)));
        root.put("stateFile", stateFile.map(Path::toString).orElse(null));
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
