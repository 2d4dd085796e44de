package dev.awsbootstrap.aws;

import java.util.Set;

/** Tells which AWS operations only read: the ones a dry run may send. */
public final class ReadOnlyOperations {
    private static final Set<String> READ_PREFIXES = Set.of("Get", "List", "Describe");

    /**
     * Reads whose names do not say so. AssumeRole hands out temporary credentials for a role and
     * changes nothing in the account; verification uses it to prove the profiles work.
     */
    private static final Set<String> OTHER_READS =
            Set.of("SimulatePrincipalPolicy", "SimulateCustomPolicy", "AssumeRole");

    private ReadOnlyOperations() {}

    public static boolean isReadOnly(String operation) {
        if (OTHER_READS.contains(operation)) {
            return true;
        }
        return READ_PREFIXES.stream().anyMatch(operation::startsWith);
    }
}
