package dev.awsbootstrap.cli;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.aws.AwsSettings;
import dev.awsbootstrap.console.TextConsole;
import dev.awsbootstrap.localfiles.AwsSharedFiles;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepRecord;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.status.LiveCheck;
import dev.awsbootstrap.status.Recorded;
import dev.awsbootstrap.wizard.Step;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Does the work of {@code status}: reads the resume file, runs the live check of its claims (read
 * only: the clients are built as for a dry run, so the SDK refuses any change) and prints the table
 * or the JSON document.
 */
final class StatusRunner {
    private final Main.Streams streams;
    private final CommonOptions options;

    StatusRunner(Main.Streams streams, CommonOptions options) {
        this.streams = streams;
        this.options = options;
    }

    /** Prints the status; returns the exit code. */
    int run(boolean noLiveCheck) {
        ConsoleFactory.configureLogging(options.verbose);
        TextConsole console = ConsoleFactory.create(streams, options, true);
        try {
            Path file = stateFile(streams, options.state);
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
            Recorded recorded = Recorded.of(saved);
            LiveCheck.Report live =
                    noLiveCheck
                            ? LiveCheck.withoutAws(recorded, "not asked for (--no-live-check)")
                            : liveCheck(streams, options, recorded);
            if (!noLiveCheck) {
                live.skipped().ifPresent(why -> console.warn("Live check skipped: " + why));
            }
            List<StepState> steps = steps(saved);
            console.result(
                    options.output == CommonOptions.OutputFormat.json
                            ? StatusReport.json(file, saved, recorded, steps, live)
                            : StatusReport.text(file, saved, steps, live));
            return ExitCode.DONE.code();
        } catch (BootstrapException e) {
            console.error(e.getMessage());
            return e.exitCode().code();
        } catch (RuntimeException e) {
            console.error("Unexpected failure: " + e + ". --verbose shows the details.");
            if (options.verbose) {
                console.trace(e);
            }
            return ExitCode.FAILED.code();
        }
    }

    /** The live check, or why it was skipped; bad --region or --endpoint-url exit 2. */
    private static LiveCheck.Report liveCheck(
            Main.Streams streams, CommonOptions options, Recorded recorded) {
        WizardRunner.checkRegion(options);
        // The SDK reads these for credentials and the region: a broken one is named, exit 2.
        AwsSharedFiles.check(streams.home(), streams.environment()::get);
        Optional<URI> endpoint = WizardRunner.endpoint(options);
        if (!recorded.claimsInAws()) {
            return LiveCheck.withoutAws(recorded, "the resume file records nothing in AWS yet");
        }
        AwsSettings settings =
                new AwsSettings(
                        Optional.ofNullable(options.profile),
                        Optional.ofNullable(options.region),
                        endpoint,
                        // As in a dry run: the SDK refuses any change, and credentials are looked
                        // for without the instance-metadata probe, which stalls off EC2.
                        true);
        try (AwsClients clients = new AwsClients(settings)) {
            if (clients.findCredentials().isEmpty()) {
                return LiveCheck.withoutAws(recorded, noCredentials(options));
            }
            return LiveCheck.run(recorded, clients);
        }
    }

    private static String noCredentials(CommonOptions options) {
        return options.profile == null
                ? "no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and"
                        + " AWS_SECRET_ACCESS_KEY, or pass --profile NAME)"
                : "the profile " + options.profile + " has no usable credentials";
    }

    /** Each step of the wizard, in order, with its state from the resume file. */
    private static List<StepState> steps(ResumeState saved) {
        List<StepState> steps = new ArrayList<>();
        for (Step<?> step : WizardRunner.steps(Answers.none(), Path.of(""), name -> null)) {
            StepRecord record = saved.getSteps().get(step.key());
            StepStatus status = saved.statusOf(step.key());
            String waitingFor = record == null ? null : record.getWaitingFor();
            boolean started =
                    status == StepStatus.TO_DO
                            && record != null
                            && (record.getAt() != null || !record.getCreated().isEmpty());
            steps.add(
                    new StepState(
                            step.key(),
                            step.title(),
                            waitingFor != null
                                    ? ReportPrinter.words(StepStatus.LATER)
                                    : started ? "started" : ReportPrinter.words(status),
                            status,
                            waitingFor != null
                                    ? waitingFor
                                    : record == null ? null : record.getNote(),
                            waitingFor != null,
                            record == null || record.getAt() == null
                                    ? null
                                    : record.getAt().toString()));
        }
        return steps;
    }

    /**
     * One step as status shows it.
     *
     * @param state done, to do, started (a run stopped inside it), waiting for you (a console step
     *     answered later, or a step where a run stopped with exit 3) or risk accepted
     * @param note the step's note, or what the operator must do when a run stopped there for them
     * @param waiting whether the last run stopped at this step for the operator
     */
    record StepState(
            String key,
            String title,
            String state,
            StepStatus status,
            String note,
            boolean waiting,
            String at) {}

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
                                + ": nothing has run yet; run aws-bootstrap first, or pass"
                                + " --state."
                        : "Several resume files in "
                                + directory
                                + ": pass --state with one of them.");
    }
}
