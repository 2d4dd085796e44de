package dev.awsbootstrap.steps.cliconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AWS SDK's reading of a config file, before and after the wizard's edit. */
class SdkProfilesTest {
    private static final Path FILE = Path.of("/home/jane/.aws/config");
    private static final List<WantedProfile> WANTED =
            WantedProfile.all("123456789012", "eu-west-2", null, "default");
    private static final String GOOD =
            "[default]\nregion = eu-west-2\noutput = json\n"
                    + role("data-engineer", "DataEngineerRole")
                    + role("infrastructure-admin", "InfrastructureAdminRole")
                    + role("admin", "AdminRole");

    @Test
    void namesTheFileAndTheLineOfTextTheSdkCannotRead() {
        assertThatThrownBy(() -> SdkProfiles.parse(FILE, "[default]\nregion\n"))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .startsWith(FILE + " cannot be read by the AWS SDK")
                                    .contains("line 2")
                                    .doesNotContain("\n");
                        });
    }

    @Test
    void acceptsTextWhoseProfilesReadBackAsWanted() {
        assertThatCode(() -> SdkProfiles.checkReadsBack(FILE, GOOD, WANTED))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesTextInWhichAProfileReadsBackWithAnotherValue() {
        String text = GOOD + "[profile admin]\nregion = us-east-1\n";

        assertThatThrownBy(() -> SdkProfiles.checkReadsBack(FILE, text, WANTED))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                            assertThat(e.getMessage())
                                    .startsWith(FILE + " was left as it is")
                                    .contains("[profile admin]")
                                    .doesNotContain("[profile data-engineer]");
                        });
    }

    @Test
    void refusesTextInWhichAProfileIsMissingOrKeepsAConflictingKey() {
        String text =
                GOOD.replace("[profile data-engineer]", "[data-engineer]")
                        + "[profile admin]\ncredential_source = Environment\n";

        assertThatThrownBy(() -> SdkProfiles.checkReadsBack(FILE, text, WANTED))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e ->
                                assertThat(e.getMessage())
                                        .contains("[profile data-engineer], [profile admin]"));
    }

    @Test
    void refusesNewTextThatTheSdkCannotRead() {
        assertThatThrownBy(() -> SdkProfiles.checkReadsBack(FILE, "[default\n", WANTED))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED));
    }

    private static String role(String name, String role) {
        return "[profile "
                + name
                + "]\nrole_arn = arn:aws:iam::123456789012:role/"
                + role
                + "\nsource_profile = default\nregion = eu-west-2\noutput = json\n";
    }
}
