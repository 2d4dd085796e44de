package dev.awsbootstrap.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that the wizard and {@code status} share. */
final class CommonOptions {
    @Option(
            names = "--state",
            paramLabel = "FILE",
            description =
                    "The resume file (default: ~/.aws-bootstrap/state-ACCOUNT.json; for status,"
                            + " the only such file).")
    Path state;

    @Option(names = "--profile", paramLabel = "NAME", description = "The AWS profile to use.")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", description = "The region for STS calls.")
    String region;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "Send AWS calls to this endpoint (AWS_ENDPOINT_URL works too).")
    String endpointUrl;

    @Option(
            names = "--output",
            paramLabel = "FORMAT",
            description = "text (default) or json: one JSON document on the output stream.")
    OutputFormat output = OutputFormat.text;

    @Option(names = "--verbose", description = "Show debug logs and stack traces.")
    boolean verbose;

    @Option(names = "--quiet", description = "Show only problems and the summary.")
    boolean quiet;

    @Option(
            names = "--no-color",
            description = "No colours (also off for NO_COLOR, TERM=dumb or no terminal).")
    boolean noColor;

    /** The formats of the result. */
    enum OutputFormat {
        text,
        json
    }
}
