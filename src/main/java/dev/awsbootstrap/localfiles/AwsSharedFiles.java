package dev.awsbootstrap.localfiles;

import dev.awsbootstrap.BootstrapException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Checks, before the first AWS call, that the shared config and credentials files can be read both
 * by the AWS SDK, which reads them while it looks for credentials and the region, and by {@link
 * AwsProfileFile}, which edits them later in the run. A file that either cannot parse would
 * otherwise stop the run half-way, after changes in AWS. The files are only read, never changed.
 */
public final class AwsSharedFiles {
    private AwsSharedFiles() {}

    /**
     * Reads the config file and the credentials file where the AWS CLI and SDKs look for them; a
     * missing file is fine.
     *
     * @throws BootstrapException (exit 2) naming the file and, as the SDK does, the line
     */
    public static void check(Path home, Function<String, String> environment) {
        check(AwsFileLocations.configFile(home, environment), ProfileFile.Type.CONFIGURATION);
        check(AwsFileLocations.credentialsFile(home, environment), ProfileFile.Type.CREDENTIALS);
    }

    static void check(Path file, ProfileFile.Type type) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw BootstrapException.badInput(
                    "Cannot read "
                            + file
                            + " ("
                            + e.getMessage()
                            + "): the AWS SDK reads it for credentials and the region; fix its"
                            + " permissions or move it, then run again.");
        }
        // The editor is the stricter reader, and names the line without showing it.
        AwsProfileFile.read(file);
        try {
            ProfileFile.builder().content(text).type(type).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw BootstrapException.badInput(
                    file
                            + " cannot be read by the AWS SDK: "
                            + oneLine(e.getMessage())
                            + "; fix or move the file, then run again (aws-bootstrap has"
                            + " changed nothing).");
        }
    }

    private static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "it is not a valid profile file";
        }
        String line = message.lines().findFirst().orElse(message).strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
