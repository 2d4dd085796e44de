package dev.awsbootstrap.steps.cliconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.localfiles.AwsProfileFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/** How a profile in the file compares with the one the wizard writes. */
class ProfileComparisonTest {
    private static final String ACCOUNT = "123456789012";
    private static final String SERIAL = "arn:aws:iam::" + ACCOUNT + ":mfa/jane";

    @TempDir Path directory;

    @Test
    void findsAMissingProfileNewAndNotDiffering() {
        ProfileComparison comparison = ProfileComparison.of(admin(), parse("[default]\n"));

        assertThat(comparison.exists()).isFalse();
        assertThat(comparison.differs()).isFalse();
        assertThat(comparison.inPlace()).isFalse();
        assertThat(comparison.additions())
                .isEqualTo(
                        "role_arn = arn:aws:iam::123456789012:role/AdminRole,"
                                + " source_profile = default, region = eu-west-2, output = json,"
                                + " mfa_serial = "
                                + SERIAL);
    }

    @Test
    void readsAnEmptyValueAsMissingSoCompletingItIsNoReplacement() {
        ProfileComparison comparison =
                ProfileComparison.of(defaults(), parse("[default]\nregion =\noutput = json\n"));

        assertThat(comparison.differs()).isFalse();
        assertThat(comparison.additions()).isEqualTo("region = eu-west-2");
    }

    @Test
    void findsAnotherValueForAKeyOfTheWizardAsADifference() {
        ProfileComparison comparison =
                ProfileComparison.of(
                        defaults(), parse("[default]\nregion = us-east-1\noutput = json\n"));

        assertThat(comparison.differs()).isTrue();
        assertThat(comparison.differingKeys()).isEqualTo("region");
        assertThat(comparison.diffLines()).containsExactly("region: us-east-1 → eu-west-2");
    }

    @Test
    void countsACredentialSourceBesideSourceProfileAsADifferenceToRemove() throws IOException {
        String text =
                "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/AdminRole\n"
                        + "credential_source = Environment\nsource_profile = default\n"
                        + "region = eu-west-2\noutput = json\nmfa_serial = "
                        + SERIAL
                        + "\n";
        ProfileComparison comparison = ProfileComparison.of(admin(), parse(text));

        assertThat(comparison.differingKeys()).isEqualTo("credential_source");
        assertThat(comparison.diffLines())
                .containsExactly("credential_source: Environment → (removed)");
        AwsProfileFile config = editor(text);
        comparison.applyTo(config);
        assertThat(config.section("profile admin").orElseThrow())
                .doesNotContainKey("credential_source")
                .containsEntry("source_profile", "default");
    }

    @Test
    void keepsKeysTheWizardDoesNotSet() throws IOException {
        String text = "[default]\nregion = us-east-1\ncli_pager =\n";
        AwsProfileFile config = editor(text);

        ProfileComparison.of(defaults(), parse(text)).applyTo(config);

        assertThat(config.section("default").orElseThrow())
                .isEqualTo(Map.of("region", "eu-west-2", "cli_pager", "", "output", "json"));
    }

    @Test
    void neverShowsTheValueOfAKeyWhoseNameSuggestsASecret() {
        assertThat(ProfileComparison.shown("aws_secret_access_key", "value", "-"))
                .isEqualTo("****");
        assertThat(ProfileComparison.shown("aws_session_token", "value", "-")).isEqualTo("****");
        assertThat(ProfileComparison.shown("sso_password", "value", "-")).isEqualTo("****");
        assertThat(ProfileComparison.shown("region", "eu-west-2", "-")).isEqualTo("eu-west-2");
        assertThat(ProfileComparison.shown("region", null, "(none)")).isEqualTo("(none)");
    }

    @Test
    void hidesASecretInTheDiffToo() {
        WantedProfile wanted =
                new WantedProfile(
                        "default", "default", Map.of("aws_session_token", "new"), Set.of());

        ProfileComparison comparison =
                ProfileComparison.of(wanted, parse("[default]\naws_session_token = old\n"));

        assertThat(comparison.diffLines()).containsExactly("aws_session_token: **** → ****");
    }

    private static WantedProfile defaults() {
        return WantedProfile.all(ACCOUNT, "eu-west-2", SERIAL, "default").get(0);
    }

    private static WantedProfile admin() {
        List<WantedProfile> all = WantedProfile.all(ACCOUNT, "eu-west-2", SERIAL, "default");
        return all.stream().filter(p -> p.name().equals("admin")).findFirst().orElseThrow();
    }

    private static ProfileFile parse(String text) {
        return ProfileFile.builder().content(text).type(ProfileFile.Type.CONFIGURATION).build();
    }

    private AwsProfileFile editor(String text) throws IOException {
        Path file = directory.resolve("config");
        Files.writeString(file, text);
        return AwsProfileFile.read(file);
    }
}
