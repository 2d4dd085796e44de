package dev.awsbootstrap.steps.cliconfig;

import dev.awsbootstrap.steps.roles.RolesStep;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A profile as the wizard writes it into the AWS config file.
 *
 * @param name the profile's name for the AWS CLI, such as {@code admin}
 * @param section the section that holds it, such as {@code profile admin}
 * @param values the keys the wizard sets, in the order it writes them
 * @param conflicting keys that must go, because the AWS CLI refuses them beside these values
 */
record WantedProfile(
        String name, String section, Map<String, String> values, Set<String> conflicting) {

    static final String DEFAULT = "default";
    static final String OUTPUT = "json";

    /**
     * The AWS CLI refuses a profile that has both {@code source_profile} and {@code
     * credential_source}: they are two answers to where the role's caller credentials come from.
     */
    static final Set<String> CONFLICTS_WITH_SOURCE_PROFILE = Set.of("credential_source");

    /** The role profiles, in the guide's order, and the roles they assume. */
    static final Map<String, String> ROLE_PROFILES =
            orderedMap(
                    "data-engineer", RolesStep.DATA_ENGINEER_ROLE,
                    "infrastructure-admin", RolesStep.INFRASTRUCTURE_ADMIN_ROLE,
                    "admin", RolesStep.ADMIN_ROLE);

    WantedProfile {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        conflicting = Set.copyOf(conflicting);
    }

    /**
     * What the profiles should hold.
     *
     * @param mfaSerial the MFA device for the role profiles, or null when the roles need no MFA
     * @param defaultSection {@code default}, or {@code profile default} when the file has that
     *     section, which the AWS SDKs read instead of {@code [default]}
     */
    static List<WantedProfile> all(
            String accountId, String region, String mfaSerial, String defaultSection) {
        return all(role -> RolesStep.roleArn(accountId, role), region, mfaSerial, defaultSection);
    }

    /**
     * What the profiles should hold, each role profile naming the ARN {@code roleArn} gives for its
     * role's name.
     */
    static List<WantedProfile> all(
            Function<String, String> roleArn,
            String region,
            String mfaSerial,
            String defaultSection) {
        Map<String, String> base = orderedMap("region", region, "output", OUTPUT);
        WantedProfile first = new WantedProfile(DEFAULT, defaultSection, base, Set.of());
        Stream<WantedProfile> roles =
                ROLE_PROFILES.entrySet().stream()
                        .map(e -> role(e.getKey(), roleArn.apply(e.getValue()), region, mfaSerial));
        return Stream.concat(Stream.of(first), roles).toList();
    }

    /** The section header as it appears in the file, such as {@code [profile admin]}. */
    String header() {
        return "[" + section + "]";
    }

    private static WantedProfile role(
            String name, String roleArn, String region, String mfaSerial) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("role_arn", roleArn);
        values.put("source_profile", DEFAULT);
        values.put("region", region);
        values.put("output", OUTPUT);
        if (mfaSerial != null) {
            values.put("mfa_serial", mfaSerial);
        }
        return new WantedProfile(name, "profile " + name, values, CONFLICTS_WITH_SOURCE_PROFILE);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
