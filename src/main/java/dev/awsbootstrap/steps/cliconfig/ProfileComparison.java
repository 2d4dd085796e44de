package dev.awsbootstrap.steps.cliconfig;

import dev.awsbootstrap.localfiles.AwsProfileFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * How a profile in the config file, as the AWS SDK reads it, differs from what the wizard writes. A
 * profile that only lacks keys is completed; one that holds other values for the wizard's keys
 * differs, and is replaced only when the operator agrees. Keys the wizard does not set are kept.
 */
final class ProfileComparison {
    /** Key names whose values are never shown, in case a config file holds credentials. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(secret|token|password|passphrase|key).*");

    private static final String ABSENT = "(none)";
    private static final String REMOVED = "(removed)";

    /**
     * One key to change.
     *
     * @param before the value in the file, or null when the key is missing or empty
     * @param after the value the wizard writes, or null when the key is to go
     */
    record KeyChange(String key, String before, String after) {}

    private final WantedProfile wanted;
    private final boolean exists;
    private final List<KeyChange> changes;

    private ProfileComparison(WantedProfile wanted, boolean exists, List<KeyChange> changes) {
        this.wanted = wanted;
        this.exists = exists;
        this.changes = List.copyOf(changes);
    }

    /** Compares the profile that {@code parsed} holds under the wanted profile's name. */
    static ProfileComparison of(WantedProfile wanted, ProfileFile parsed) {
        Optional<Profile> existing = parsed.profile(wanted.name());
        Map<String, String> now = existing.map(Profile::properties).orElse(Map.of());
        List<KeyChange> changes = new ArrayList<>();
        wanted.values()
                .forEach(
                        (key, value) -> {
                            String before = valueOf(now, key);
                            if (!value.equals(before)) {
                                changes.add(new KeyChange(key, before, value));
                            }
                        });
        for (String key : wanted.conflicting()) {
            if (now.containsKey(key)) {
                changes.add(new KeyChange(key, now.get(key), null));
            }
        }
        return new ProfileComparison(wanted, existing.isPresent(), changes);
    }

    WantedProfile wanted() {
        return wanted;
    }

    boolean exists() {
        return exists;
    }

    boolean inPlace() {
        return changes.isEmpty();
    }

    /** Whether the file holds another value for a key the wizard sets, or a conflicting key. */
    boolean differs() {
        return changes.stream().anyMatch(change -> change.before() != null);
    }

    /** The keys whose values differ, such as {@code role_arn, region}. */
    String differingKeys() {
        return String.join(
                ", ",
                changes.stream().filter(c -> c.before() != null).map(KeyChange::key).toList());
    }

    /** One line per changed key: {@code role_arn: old → new}, secrets never shown. */
    List<String> diffLines() {
        return changes.stream()
                .map(
                        c ->
                                c.key()
                                        + ": "
                                        + shown(c.key(), c.before(), ABSENT)
                                        + " → "
                                        + shown(c.key(), c.after(), REMOVED))
                .toList();
    }

    /** The keys to add, as {@code key = value, ...}, for a profile that only lacks them. */
    String additions() {
        return String.join(
                ", ",
                changes.stream()
                        .map(c -> c.key() + " = " + shown(c.key(), c.after(), REMOVED))
                        .toList());
    }

    /** Makes the changes in the editor, in the wizard's order of keys. */
    void applyTo(AwsProfileFile config) {
        for (KeyChange change : changes) {
            if (change.after() == null) {
                config.remove(wanted.section(), change.key());
            } else {
                config.set(wanted.section(), change.key(), change.after());
            }
        }
    }

    /** A value for the operator's eyes: {@code ****} for a key whose name suggests a secret. */
    static String shown(String key, String value, String whenNull) {
        if (value == null) {
            return whenNull;
        }
        return SECRET_NAME.matcher(key).matches() ? "****" : value;
    }

    /** An empty value reads as a missing one: completing it is not replacing anything. */
    private static String valueOf(Map<String, String> values, String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value;
    }
}
