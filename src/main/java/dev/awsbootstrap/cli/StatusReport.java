package dev.awsbootstrap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.status.ClaimCheck;
import dev.awsbootstrap.status.LiveCheck;
import dev.awsbootstrap.status.Recorded;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** What {@code status} prints: a table of steps with the live check, or one JSON document. */
final class StatusReport {
    private StatusReport() {}

    static String text(
            Path file,
            ResumeState saved,
            List<StatusRunner.StepState> steps,
            LiveCheck.Report live) {
        StringBuilder text = new StringBuilder();
        text.append("Account ").append(saved.getAccountId());
        text.append(" (").append(file).append(")\n");
        text.append(row("Step", "State", "Live check", null));
        for (StatusRunner.StepState step : steps) {
            String check = live.ofStep(step.key()).map(ClaimCheck.Result::words).orElse("");
            text.append(row(step.title(), step.state(), check, step.note()));
        }
        text.append('\n').append(liveSummary(live)).append('\n');
        for (ClaimCheck check : live.checks()) {
            boolean skippedWhole =
                    check.result() == ClaimCheck.Result.NOT_CHECKED
                            && live.skipped().map(s -> s.equals(check.detail())).orElse(false);
            if (check.result() != ClaimCheck.Result.CONFIRMED && !skippedWhole) {
                text.append("  ")
                        .append(check.result().words())
                        .append(": ")
                        .append(check.claim())
                        .append(check.detail() == null ? "" : " (" + check.detail() + ")")
                        .append('\n');
            }
        }
        return text.toString().stripTrailing();
    }

    private static String row(String title, String state, String check, String note) {
        return String.format(
                        "  %-30s %-16s %-12s %s%n", title, state, check, note == null ? "" : note)
                .replaceAll(" +\n", "\n");
    }

    private static String liveSummary(LiveCheck.Report live) {
        if (live.checks().isEmpty()) {
            return "Live check: the resume file records nothing to check yet.";
        }
        String counts =
                live.counts().entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().words())
                        .collect(Collectors.joining(", "));
        return "Live check: "
                + counts
                + live.skipped().map(why -> "; AWS was not checked: " + why).orElse("")
                + ".";
    }

    static String json(
            Path file,
            ResumeState saved,
            Recorded recorded,
            List<StatusRunner.StepState> steps,
            LiveCheck.Report live) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("account", saved.getAccountId());
        root.put("stateFile", file.toString());
        root.put(
                "updatedAt", saved.getUpdatedAt() == null ? null : saved.getUpdatedAt().toString());
        root.put("alias", recorded.alias().orElse(null));
        root.put("signInUrl", recorded.signInUrl().orElse(null));
        root.put("user", recorded.userName().orElse(null));
        RecordedJson.put(root, recorded);
        ArrayNode stepNodes = root.putArray("steps");
        ArrayNode open = mapper.createArrayNode();
        for (StatusRunner.StepState step : steps) {
            ObjectNode node = stepNodes.addObject();
            node.put("key", step.key());
            node.put("title", step.title());
            node.put("status", ReportPrinter.recorded(step.status()));
            node.put("state", step.state());
            node.put("note", step.note());
            node.put("at", step.at());
            node.put("live", live.ofStep(step.key()).map(ClaimCheck.Result::words).orElse(null));
            if (step.status() != StepStatus.DONE || step.waiting()) {
                open.add(step.title() + ": " + (step.note() != null ? step.note() : step.state()));
            }
        }
        root.set("openItems", open);
        ObjectNode liveNode = root.putObject("liveCheck");
        liveNode.put("aws", live.skipped().isEmpty());
        liveNode.put("skipped", live.skipped().orElse(null));
        ObjectNode counts = liveNode.putObject("counts");
        live.counts().forEach((result, count) -> counts.put(result.words(), count));
        ArrayNode checks = liveNode.putArray("checks");
        for (ClaimCheck check : live.checks()) {
            ObjectNode node = checks.addObject();
            node.put("step", check.step());
            node.put("claim", check.claim());
            node.put("result", check.result().words());
            node.put("detail", check.detail());
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
