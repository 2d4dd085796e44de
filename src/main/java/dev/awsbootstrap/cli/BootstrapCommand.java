package dev.awsbootstrap.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aws-bootstrap}: the wizard. This class only declares the command line; the wiring lives in
 * {@link WizardRunner}, so that {@code --help} loads no AWS class.
 */
@Command(
        name = "aws-bootstrap",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        subcommands = StatusCommand.class,
        description = "Takes a new AWS account to a secure, ready-to-use baseline.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:an AWS or local operation failed",
            "2:bad usage or input",
            "3:waiting for the operator (a console-only step)",
            "130:interrupted"
        })
final class BootstrapCommand implements Callable<Integer> {
    private final Main.Streams streams;

    @Option(names = "--dry-run", description = "Show every AWS call a real run would make.")
    boolean dryRun;

    @Option(
            names = "--answers",
            paramLabel = "FILE",
            description = "Answers to the questions, YAML or JSON.")
    Path answers;

    @Option(names = "--non-interactive", description = "Never ask: fail naming a missing answer.")
    boolean nonInteractive;

    @Mixin CommonOptions common;

    BootstrapCommand(Main.Streams streams) {
        this.streams = streams;
    }

    Main.Streams streams() {
        return streams;
    }

    @Override
    public Integer call() {
        return new WizardRunner(streams, common).run(dryRun, answers, nonInteractive);
    }
}
