package dev.awsbootstrap.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, written by the build. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "aws-bootstrap " + (version == null ? "(development build)" : version)
        };
    }
}
