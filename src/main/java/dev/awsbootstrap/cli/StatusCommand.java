package dev.awsbootstrap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.console.TextConsole;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepRecord;
import dev.awsbootstrap.wizard.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aws-bootstrap status}: each step and where it stands, read from the resume file only. It
 * makes no AWS call, so it works without credentials.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the steps, what is done and what is left, from the resume file.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand BootstrapCommand parent;

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description = "The resume file (default: the only one in ~/.aws-bootstrap).")
    Path state;

    @Option(
            names = "--output",
            paramLabel = "FORMAT",
            description = "text (default) or json: one JSON document on the output stream.")
    CommonOptions.OutputFormat output;

    @Override
    public Integer call() {
        // Options given before the word "status" count too: aws-bootstrap --state F status.
        CommonOptions options = parent.common;
        Main.Streams streams = parent.streams();
        TextConsole console = ConsoleFactory.create(streams, options, true);
        try {
            Path file = stateFile(streams, state != null ? state : options.state);
            ResumeState saved =
                    new StateStore(file)
                            .load()
                            .orElseThrow(
                                    () ->
                                            BootstrapException.badInput(
                                                    "No resume file at "
                                                            + file
                                                            + ": run aws-bootstrap"
                                                            + " first, or pass --state."));
            CommonOptions.OutputFormat format = output != null ? output : options.output;
            console.result(
                    format == CommonOptions.OutputFormat.json
                            ? json(file, saved)
                            : text(file, saved));
            return ExitCode.DONE.code();
        } catch (BootstrapException e) {
            console.error(e.getMessage());
            return e.exitCode().code();
        }
    }

    private static String text(Path file, ResumeState saved) {
        StringBuilder text = new StringBuilder();
        text.append("Account ").append(saved.getAccountId());
        text.append(" (").append(file).append(")\n");
        for (Step<?> step : WizardRunner.steps(Answers.none(), Path.of(""), name -> null)) {
            StepRecord record = saved.getSteps().get(step.key());
            String note = record == null ? null : record.getNote();
            text.append(ReportPrinter.row(step.title(), saved.statusOf(step.key()), note));
        }
        return text.toString().stripTrailing();
    }

    private static String json(Path file, ResumeState saved) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("account", saved.getAccountId());
        root.put("stateFile", file.toString());
        ArrayNode steps = root.putArray("steps");
        for (Step<?> step : WizardRunner.steps(Answers.none(), Path.of(""), name -> null)) {
            StepRecord record = saved.getSteps().get(step.key());
            ObjectNode node = steps.addObject();
            node.put("key", step.key());
            node.put("title", step.title());
            node.put("status", ReportPrinter.words(saved.statusOf(step.key())));
            node.put("note", record == null ? null : record.getNote());
            node.put(
                    "at",
                    record == null || record.getAt() == null ? null : record.getAt().toString());
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file named with --state, or the only resume file under the home directory. */
    private static Path stateFile(Main.Streams streams, Path requested) {
        if (requested != null) {
            return requested;
        }
        Path directory = streams.home().resolve(".aws-bootstrap");
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files =
                    listing.filter(p -> p.getFileName().toString().matches("state-\\d{12}\\.json"))
                            .sorted()
                            .toList();
        } catch (IOException e) {
            files = List.of();
        }
        if (files.size() == 1) {
            return files.get(0);
        }
        throw BootstrapException.badInput(
                files.isEmpty()
                        ? "No resume file in "
                                + directory
                                + ": run aws-bootstrap first, or pass --state."
                        : "Several resume files in "
                                + directory
                                + ": pass --state with one of them.");
    }
}
