package dev.awsbootstrap.aws;

import java.net.URI;
import java.util.Optional;

/**
 * How to reach AWS: the named profile, the region, an endpoint that replaces AWS's own (such as an
 * emulator's), and whether this is a dry run.
 */
public record AwsSettings(
        Optional<String> profile,
        Optional<String> region,
        Optional<URI> endpoint,
        boolean dryRun) {}
