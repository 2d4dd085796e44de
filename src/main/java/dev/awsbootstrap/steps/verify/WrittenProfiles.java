package dev.awsbootstrap.steps.verify;

import dev.awsbootstrap.BootstrapException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The AWS config and credentials files as the AWS SDK reads them, merged the way the SDK and the
 * AWS CLI merge them: what verification works from, so that it sees what they will see.
 */
final class WrittenProfiles {
    private final ProfileFile profiles;
    private final String configDigest;

    private WrittenProfiles(ProfileFile profiles, String configDigest) {
        this.profiles = profiles;
        this.configDigest = configDigest;
    }

    /**
     * Reads both files; a missing file reads as empty.
     *
     * @throws BootstrapException exit 2 when the SDK cannot parse a file, naming it
     */
    static WrittenProfiles read(Path config, Path credentials) {
        byte[] configBytes = bytes(config);
        ProfileFile merged =
                ProfileFile.aggregator()
                        .addFile(parse(config, configBytes, ProfileFile.Type.CONFIGURATION))
                        .addFile(
                                parse(
                                        credentials,
                                        bytes(credentials),
                                        ProfileFile.Type.CREDENTIALS))
                        .build();
        return new WrittenProfiles(merged, digest(configBytes));
    }

    Optional<Profile> profile(String name) {
        return profiles.profile(name);
    }

    /** A property of a profile, trimmed, or empty when the profile or the property is missing. */
    Optional<String> property(String profile, String property) {
        return profile(profile).flatMap(p -> p.property(property)).map(String::strip);
    }

    /** The long-term or session credentials written in the profile, if it has a key. */
    Optional<AwsCredentials> credentials(String profile) {
        Optional<String> keyId = property(profile, ProfileProperty.AWS_ACCESS_KEY_ID);
        Optional<String> secret = property(profile, ProfileProperty.AWS_SECRET_ACCESS_KEY);
        if (keyId.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> token = property(profile, ProfileProperty.AWS_SESSION_TOKEN);
        return Optional.of(
                token.isPresent()
                        ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
                        : AwsBasicCredentials.create(keyId.get(), secret.get()));
    }

    /** A digest of the config file's bytes, to tell whether it changed since it was verified. */
    String configDigest() {
        return configDigest;
    }

    private static ProfileFile parse(Path file, byte[] content, ProfileFile.Type type) {
        try {
            return ProfileFile.builder()
                    .content(new ByteArrayInputStream(content))
                    .type(type)
                    .build();
        } catch (RuntimeException e) {
            throw BootstrapException.badInput(
                    "The AWS SDK cannot read "
                            + file
                            + ": fix the file, then run aws-bootstrap again to verify the"
                            + " profiles.");
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            throw BootstrapException.failed(
                    "Cannot read " + file + " (" + e.getMessage() + "): check its permissions.", e);
        }
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256.", e);
        }
    }
}
