package dev.awsbootstrap.steps.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;

class ConsolePasswordsTest {
    private final ConsolePasswords defaults = new ConsolePasswords(Optional.empty());

    @Test
    void acceptsThreeKindsOfCharactersUnderAwssDefaultPolicy() {
        assertThat(defaults.problem("Correct-horse-battery", "jane")).isEmpty();
    }

    @Test
    void countsOnlyAsciiLettersAndDigitsAsIamDoes() {
        assertThat(defaults.problem("ÉÉÉÉÉÉÉÉ٣!", "jane"))
                .hasValueSatisfying(rule -> assertThat(rule).contains("three of"));
    }

    @Test
    void appliesTheAccountsPolicyAndNeverQuotesThePassword() {
        ConsolePasswords strict =
                new ConsolePasswords(
                        Optional.of(
                                PasswordPolicy.builder()
                                        .minimumPasswordLength(14)
                                        .requireSymbols(true)
                                        .requireNumbers(true)
                                        .build()));

        assertThat(strict.problem("Short-1", "jane"))
                .contains("the password needs at least 14 characters");
        assertThat(strict.problem("LongEnoughButPlain", "jane"))
                .hasValueSatisfying(
                        rule ->
                                assertThat(rule)
                                        .contains("a digit")
                                        .contains("a symbol")
                                        .doesNotContain("LongEnoughButPlain"));
    }

    @Test
    void generatesPasswordsThatPassThePolicy() {
        ConsolePasswords strict =
                new ConsolePasswords(
                        Optional.of(
                                PasswordPolicy.builder()
                                        .minimumPasswordLength(30)
                                        .requireSymbols(true)
                                        .requireNumbers(true)
                                        .requireUppercaseCharacters(true)
                                        .requireLowercaseCharacters(true)
                                        .build()));
        SecureRandom random = new SecureRandom();

        for (int i = 0; i < 50; i++) {
            String password = strict.generate(random);
            assertThat(password).hasSize(30);
            assertThat(strict.problem(password, "jane")).isEmpty();
        }
    }

    @Test
    void tellsSecurityKeysFromDevicesThatGiveCodes() {
        assertThat(MfaDeviceStep.givesCodes("arn:aws:iam::123456789012:mfa/jbloggs-phone"))
                .isTrue();
        assertThat(MfaDeviceStep.givesCodes("GAHT12345678")).isTrue();
        assertThat(MfaDeviceStep.givesCodes("arn:aws:iam::123456789012:u2f/user/jane/yubi-ABC"))
                .isFalse();
    }
}
