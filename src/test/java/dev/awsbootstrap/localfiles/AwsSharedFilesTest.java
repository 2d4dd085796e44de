package dev.awsbootstrap.localfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check of the AWS config and credentials files before the first AWS call. */
class AwsSharedFilesTest {
    @TempDir Path home;

    @Test
    void missingFilesAndValidFilesPass() throws Exception {
        assertThatCode(() -> AwsSharedFiles.check(home, Map.<String, String>of()::get))
                .doesNotThrowAnyException();

        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "[default]\nregion = eu-west-2\n");
        Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = x\n");
        assertThatCode(() -> AwsSharedFiles.check(home, Map.<String, String>of()::get))
                .doesNotThrowAnyException();
    }

    @Test
    void anUnparseableConfigFileIsBadInputNamingTheFileAndLineAndIsLeftAsItWas() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Path config = home.resolve(".aws/config");
        String text = "[default]\nregion = eu-west-2\n[profile broken\n";
        Files.writeString(config, text);

        assertThatThrownBy(() -> AwsSharedFiles.check(home, Map.<String, String>of()::get))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT))
                .hasMessageStartingWith(config + " line 3 is not valid: ")
                .hasMessageNotContaining("\n");
        assertThat(Files.readString(config)).isEqualTo(text);
    }

    @Test
    void theCredentialsFileNamedByItsVariableIsChecked() throws Exception {
        Path credentials = home.resolve("elsewhere/creds");
        Files.createDirectories(credentials.getParent());
        Files.writeString(credentials, "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n");
        Map<String, String> env =
                Map.of(AwsFileLocations.CREDENTIALS_VARIABLE, credentials.toString());

        assertThatThrownBy(() -> AwsSharedFiles.check(home, env::get))
                .hasMessageStartingWith(credentials + " line 1 is not valid: ");
    }

    @Test
    void aConfigPathThatIsADirectoryIsBadInput() throws Exception {
        Path directory = Files.createDirectories(home.resolve("config-dir"));
        Map<String, String> env = Map.of(AwsFileLocations.CONFIG_VARIABLE, directory.toString());

        assertThatThrownBy(() -> AwsSharedFiles.check(home, env::get))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT))
                .hasMessageStartingWith("Cannot read " + directory);
    }
}
