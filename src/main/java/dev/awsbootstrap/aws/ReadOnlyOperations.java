package dev.awsbootstrap.aws;

import java.util.Set;

/** Tells which AWS operations only read: the ones a dry run may send. */
public final class ReadOnlyOperations {
    private static final Set<String> READ_PREFIXES = Set.of("Get", "List", "Describe");
    private static final Set<String> OTHER_READS =
            Set.of("SimulatePrincipalPolicy", "SimulateCustomPolicy");

    private ReadOnlyOperations() {}

    public static boolean isReadOnly(String operation) {
        if (OTHER_READS.contains(operation)) {
            return true;
        }
        return READ_PREFIXES.stream().anyMatch(operation::startsWith);
    }
}
