package dev.awsbootstrap.localfiles;

import dev.awsbootstrap.BootstrapException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the AWS shared credentials and config files are: where the AWS CLI and SDKs look, so that
 * what the wizard writes is what they read.
 */
public final class AwsFileLocations {
    /** Moves the credentials file, as in the AWS CLI and SDKs. */
    public static final String CREDENTIALS_VARIABLE = "AWS_SHARED_CREDENTIALS_FILE";

    /** Moves the config file, as in the AWS CLI and SDKs. */
    public static final String CONFIG_VARIABLE = "AWS_CONFIG_FILE";

    private AwsFileLocations() {}

    /**
     * {@code AWS_SHARED_CREDENTIALS_FILE} when set and not blank, a leading {@code ~/} standing for
     * the home directory; otherwise {@code ~/.aws/credentials}.
     *
     * @throws BootstrapException (exit 2) when the variable is not a valid path
     */
    public static Path credentialsFile(Path home, Function<String, String> environment) {
        return locate(home, environment, CREDENTIALS_VARIABLE, "credentials");
    }

    /**
     * {@code AWS_CONFIG_FILE} when set and not blank, a leading {@code ~/} standing for the home
     * directory; otherwise {@code ~/.aws/config}.
     *
     * @throws BootstrapException (exit 2) when the variable is not a valid path
     */
    public static Path configFile(Path home, Function<String, String> environment) {
        return locate(home, environment, CONFIG_VARIABLE, "config");
    }

    private static Path locate(
            Path home, Function<String, String> environment, String variable, String name) {
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            return home.resolve(".aws").resolve(name);
        }
        String separator = home.getFileSystem().getSeparator();
        if (value.startsWith("~/") || value.startsWith("~" + separator)) {
            return home.resolve(value.substring(2));
        }
        try {
            return home.getFileSystem().getPath(value);
        } catch (InvalidPathException e) {
            throw BootstrapException.badInput(
                    variable
                            + " is not a valid path ("
                            + e.getReason()
                            + "): set it to a file path, or unset it, then run again.");
        }
    }
}
