package dev.awsbootstrap.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnswersFileTest {
    @Test
    void readsTheSampleAnswersFileOfTheDesign() throws IOException {
        Answers answers = AnswersFile.parse("answers.yaml", resource("design-sample.yaml"));

        assertThat(answers.homeRegion()).isEqualTo("eu-west-2");
        assertThat(answers.rootMfa()).isEqualTo("require");
        assertThat(answers.accountAlias()).isEqualTo("acme-data");
        assertThat(answers.roles().requireMfa()).isTrue();
        assertThat(answers.user().name()).isEqualTo("jane.bloggs");
        assertThat(answers.user().mfaCodes()).containsExactly("123456", "654321");
        assertThat(answers.accessKey().store()).isEqualTo("credentials-file");
        assertThat(answers.budget().amount()).isEqualByComparingTo(new BigDecimal("100"));
        assertThat(answers.budget().thresholds()).containsExactly(new BigDecimal("80"));
        assertThat(answers.budget().emails()).containsExactly("ops@example.com");
        assertThat(answers.billingAlerts()).isEqualTo("confirmed");
    }

    @Test
    void readsJsonToo() {
        Answers answers =
                parse("{\"accountAlias\": \"acme-data\", \"roles\": {\"requireMfa\": false}}");

        assertThat(answers.accountAlias()).isEqualTo("acme-data");
        assertThat(answers.roles().requireMfa()).isFalse();
    }

    @Test
    void anEmptyFileAnswersNothing() {
        assertThat(parse("")).isEqualTo(Answers.none());
    }

    @Test
    void namesEveryUnknownKeyAndWrongTypeAtOnce() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        """
                                accountAlias: acme-data
                                acountAlias: typo
                                user:
                                  nmae: jane
                                budget:
                                  amount: lots
                                """))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage().lines())
                                    .containsExactlyInAnyOrder(
                                            "answers.yaml: unknown key \"acountAlias\": check its"
                                                    + " spelling against the answers-file reference"
                                                    + " in the README.",
                                            "answers.yaml: unknown key \"user.nmae\": check its"
                                                    + " spelling against the answers-file reference"
                                                    + " in the README.",
                                            "answers.yaml: budget.amount: \"lots\" is not a number.");
                        });
    }

    @Test
    void reportsBrokenSyntaxWithItsLine() {
        assertThatThrownBy(() -> parse("accountAlias: acme\nroles: [unclosed\n"))
                .isInstanceOf(BootstrapException.class)
                .hasMessageStartingWith("answers.yaml: line ")
                .hasMessageEndingWith("fix the file's syntax (YAML or JSON).");
    }

    @Test
    void reportsAListWhereOneValueIsExpected() {
        assertThatThrownBy(() -> parse("accountAlias: [a, b]\n"))
                .hasMessage("answers.yaml: accountAlias: a list is not a single value.");
    }

    private static Answers parse(String text) {
        return AnswersFile.parse("answers.yaml", text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AnswersFileTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
