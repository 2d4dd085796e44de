package dev.awsbootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aws-bootstrap status}: each step and where it stands, from the resume file, and, when
 * credentials are at hand, whether what the file claims still holds. This class only declares the
 * command line; the work lives in {@link StatusRunner}, so that {@code --help} loads none of it.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show the steps, what is done and what is left, from the resume file, and check"
                    + " with read-only calls that what it records still exists.",
            "Without credentials the live check is skipped; status still exits 0."
        })
final class StatusCommand implements Callable<Integer> {
    @ParentCommand BootstrapCommand parent;

    @Mixin CommonOptions own;

    @Option(
            names = "--no-live-check",
            description = "Read the resume file only: no AWS call, no credentials needed.")
    boolean noLiveCheck;

    @Override
    public Integer call() {
        // Options given before the word "status" count too: aws-bootstrap --state F status.
        return new StatusRunner(parent.streams(), merged(own, parent.common)).run(noLiveCheck);
    }

    /** The options after the word status, falling back to those before it. */
    private static CommonOptions merged(CommonOptions after, CommonOptions before) {
        CommonOptions merged = new CommonOptions();
        merged.state = after.state != null ? after.state : before.state;
        merged.profile = after.profile != null ? after.profile : before.profile;
        merged.region = after.region != null ? after.region : before.region;
        merged.endpointUrl = after.endpointUrl != null ? after.endpointUrl : before.endpointUrl;
        merged.output =
                after.output != CommonOptions.OutputFormat.text ? after.output : before.output;
        merged.verbose = after.verbose || before.verbose;
        merged.quiet = after.quiet || before.quiet;
        merged.noColor = after.noColor || before.noColor;
        return merged;
    }
}
