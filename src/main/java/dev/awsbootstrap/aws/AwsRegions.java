package dev.awsbootstrap.aws;

import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/** The AWS region codes this SDK knows, for checking the operator's home region. */
public final class AwsRegions {
    private AwsRegions() {}

    public static boolean isKnown(String code) {
        return Holder.CODES.contains(code);
    }

    /** Loads the SDK's region list only when a region is first checked. */
    private static final class Holder {
        static final Set<String> CODES =
                Region.regions().stream()
                        .map(Region::id)
                        .filter(id -> !id.contains("global") && !id.contains("fips"))
                        .collect(Collectors.toUnmodifiableSet());
    }
}
