package dev.awsbootstrap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.wizard.RunReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Prints the closing summary of a run: a table, or one JSON document. */
final class ReportPrinter {
    private final Console console;
    private final CommonOptions.OutputFormat format;

    ReportPrinter(Console console, CommonOptions.OutputFormat format) {
        this.console = console;
        this.format = format;
    }

    void print(RunReport report, Optional<Path> stateFile) {
        if (format == CommonOptions.OutputFormat.json) {
            console.result(json(report, stateFile));
            return;
        }
        console.header("Summary");
        StringBuilder table = new StringBuilder();
        for (RunReport.StepOutcome step : report.steps()) {
            table.append(row(step.title(), step.status(), step.note()));
        }
        console.result(table.toString().stripTrailing());
        if (report.dryRun()) {
            console.result(
                    "Dry run: "
                            + report.changes().size()
                            + " change(s) planned, shown"
                            + " above as AWS CLI commands; nothing was changed.");
        }
        stateFile.ifPresent(file -> console.info("Resume file: " + file));
    }

    /** One line of a table of steps: title, status in words, and the note if any. */
    static String row(String title, StepStatus status, String note) {
        return String.format("  %-28s %-14s%s%n", title, words(status), note == null ? "" : note)
                .replaceAll(" +\n", "\n");
    }

    static String words(StepStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String json(RunReport report, Optional<Path> stateFile) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("account", report.account().id());
        root.put("dryRun", report.dryRun());
        ArrayNode steps = root.putArray("steps");
        for (RunReport.StepOutcome step : report.steps()) {
            ObjectNode node = steps.addObject();
            node.put("key", step.key());
            node.put("title", step.title());
            node.put("status", words(step.status()));
            node.put("note", step.note());
        }
        ArrayNode changes = root.putArray("changes");
        report.changes().forEach(changes::add);
        if (report.dryRun()) {
            ArrayNode plan = root.putArray("plan");
            report.plan().forEach(plan::add);
        }
        ArrayNode open = root.putArray("openItems");
        report.openItems()
                .forEach(item -> open.add(item.note() == null ? item.title() : item.note()));
        root.put("stateFile", stateFile.map(Path::toString).orElse(null));
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
