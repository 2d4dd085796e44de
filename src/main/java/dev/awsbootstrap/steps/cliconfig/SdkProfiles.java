package dev.awsbootstrap.steps.cliconfig;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The config file as the AWS SDK for Java reads it: the judge of what a file means, both before the
 * wizard edits it and, before anything is saved, after.
 */
final class SdkProfiles {
    private SdkProfiles() {}

    /**
     * Parses a config file's text.
     *
     * @throws BootstrapException (exit 2) naming the file and, as the SDK does, the line
     */
    static ProfileFile parse(Path file, String text) {
        try {
            return read(text);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw BootstrapException.badInput(
                    file
                            + " cannot be read by the AWS SDK: "
                            + e.getMessage()
                            + "; fix or move the file, then run again.");
        }
    }

    /**
     * Checks that the SDK reads each profile of {@code text} with exactly the wanted values and
     * without the conflicting keys.
     *
     * @throws BootstrapException (exit 1) naming the profiles that do not read back as wanted
     */
    static void checkReadsBack(Path file, String text, List<WantedProfile> wanted) {
        ProfileFile parsed;
        try {
            parsed = read(text);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw notWritten(file, "the AWS SDK cannot read the new text (" + e.getMessage() + ")");
        }
        List<String> wrong = new ArrayList<>();
        for (WantedProfile profile : wanted) {
            if (!readsBack(parsed.profile(profile.name()), profile)) {
                wrong.add(profile.header());
            }
        }
        if (!wrong.isEmpty()) {
            throw notWritten(
                    file,
                    "the AWS SDK would not read "
                            + String.join(", ", wrong)
                            + " as aws-bootstrap meant to write it");
        }
    }

    private static boolean readsBack(Optional<Profile> found, WantedProfile wanted) {
        if (found.isEmpty()) {
            return false;
        }
        Map<String, String> values = found.get().properties();
        boolean valuesMatch =
                wanted.values().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(values.get(e.getKey())));
        boolean noConflict = wanted.conflicting().stream().noneMatch(values::containsKey);
        return valuesMatch && noConflict;
    }

    private static ProfileFile read(String text) {
        return ProfileFile.builder().content(text).type(ProfileFile.Type.CONFIGURATION).build();
    }

    private static BootstrapException notWritten(Path file, String why) {
        return new BootstrapException(
                ExitCode.FAILED,
                file
                        + " was left as it is: "
                        + why
                        + ". Add the profiles by hand as the guide shows, or move the file and run"
                        + " again.");
    }
}
