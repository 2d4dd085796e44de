package dev.awsbootstrap.cli;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.console.TextConsole;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.wizard.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code aws-bootstrap status}: each step and where it stands, from the resume file. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the steps, what is done and what is left, from the resume file.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand BootstrapCommand parent;

    @Mixin CommonOptions common;

    @Override
    public Integer call() {
        Main.Streams streams = parent.streams();
        TextConsole console = ConsoleFactory.create(streams, common, true);
        try {
            Path file = stateFile(streams);
            ResumeState state =
                    new StateStore(file)
                            .load()
                            .orElseThrow(
                                    () ->
                                            BootstrapException.badInput(
                                                    "No resume file at "
                                                            + file
                                                            + ": run aws-bootstrap first, or pass --state."));
            print(console, file, state);
            return ExitCode.DONE.code();
        } catch (BootstrapException e) {
            console.error(e.getMessage());
            return e.exitCode().code();
        }
    }

    private void print(TextConsole console, Path file, ResumeState state) {
        List<Step<?>> steps = WizardRunner.steps();
        StringBuilder text = new StringBuilder();
        text.append("Account ")
                .append(state.getAccountId())
                .append(" (")
                .append(file)
                .append(")\n");
        for (Step<?> step : steps) {
            StepStatus status = state.statusOf(step.key());
            String note =
                    state.getSteps().containsKey(step.key())
                            ? state.step(step.key()).getNote()
                            : null;
            text.append(
                    String.format(
                            "  %-26s %-14s%s%n",
                            step.title(), ReportPrinter.words(status), note == null ? "" : note));
        }
        console.result(text.toString().stripTrailing());
    }

    private Path stateFile(Main.Streams streams) {
        if (common.state != null) {
            return common.state;
        }
        String homeVariable = streams.environment().get("HOME");
        Path home = Path.of(homeVariable != null ? homeVariable : System.getProperty("user.home"));
        Path directory = home.resolve(".aws-bootstrap");
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
