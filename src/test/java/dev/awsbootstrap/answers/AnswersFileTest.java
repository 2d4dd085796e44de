package dev.awsbootstrap.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswersFileTest {
    @Test
    void readsTheSampleAnswersFileOfTheDesign() throws IOException {
        Answers answers =
                AnswersFile.parse("answers.yaml", resource("design-sample.yaml")).answers();

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

    /** The README's reference must be a file the wizard takes as it is, bar the variable. */
    @Test
    void takesTheAnswersFileOfTheReadmeAsItStands(@TempDir Path directory) throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String reference = readme.substring(readme.indexOf("### The answers file"));
        int start = reference.indexOf("```yaml\n") + "```yaml\n".length();
        Path file = directory.resolve("answers.yaml");
        Files.writeString(file, reference.substring(start, reference.indexOf("```", start)));

        Answers answers =
                AnswersFile.read(
                        file,
                        region -> region.equals("eu-west-2"),
                        name -> name.equals("BOOTSTRAP_PASSWORD") ? "set" : null);

        assertThat(answers.accountAlias()).isEqualTo("acme-data");
        assertThat(answers.user().consolePasswordEnv()).isEqualTo("BOOTSTRAP_PASSWORD");
        assertThat(answers.user().mfaCodes())
                .as("codes for an emulator only, not for an operator to copy")
                .isNull();
        assertThat(answers.cliConfig().replaceProfiles()).isFalse();
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
        AnswersFile.Parsed parsed =
                parsed(
                        """
                        accountAlias: acme-data
                        acountAlias: typo
                        user:
                          nmae: jane
                        budget:
                          amount: lots
                        """);

        assertThat(parsed.problems())
                .containsExactlyInAnyOrder(
                        "unknown key \"acountAlias\": check its spelling against the answers-file"
                                + " reference in the README.",
                        "unknown key \"user.nmae\": check its spelling against the answers-file"
                                + " reference in the README.",
                        "budget.amount: \"lots\" is not a number.");
        assertThat(parsed.answers().accountAlias()).isEqualTo("acme-data");
        assertThat(parsed.answers().budget().amount()).isNull();
    }

    @Test
    void reportsTypeErrorsAndBrokenRulesTogetherInOneFailure(@TempDir Path directory)
            throws IOException {
        Path file = directory.resolve("answers.yaml");
        Files.writeString(
                file,
                "accountAlias: Acme_Data\nuser: {mfaDeviceName: 'has space'}\nbudget:"
                        + " {amount: lots}\n");

        assertThatThrownBy(() -> AnswersFile.read(file, region -> true, name -> null))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage().lines())
                                    .hasSize(3)
                                    .allMatch(line -> line.startsWith(file + ": "))
                                    .anyMatch(line -> line.contains("budget.amount"))
                                    .anyMatch(line -> line.contains("accountAlias"))
                                    .anyMatch(line -> line.contains("user.mfaDeviceName"));
                        });
    }

    @Test
    void namesAnAnswersFileThatDoesNotExist(@TempDir Path directory) {
        Path missing = directory.resolve("missing.yaml");

        assertThatThrownBy(() -> AnswersFile.read(missing, region -> true, name -> null))
                .hasMessage(
                        "The answers file "
                                + missing
                                + " does not exist: check the path"
                                + " given to --answers.");
    }

    @Test
    void reportsBrokenSyntaxWithItsLine() {
        assertThatThrownBy(() -> parse("accountAlias: acme\nroles: [unclosed\n"))
                .isInstanceOf(BootstrapException.class)
                .hasMessageStartingWith("answers.yaml: line ")
                .hasMessageEndingWith("fix the file's syntax (YAML or JSON).");
    }

    @Test
    void namesTheProblemAndItsLineNotWhatTheParserWasDoing() {
        assertThatThrownBy(() -> parse("accountAlias: acme\nroles:\n\trequireMfa: true\n"))
                .hasMessageStartingWith("answers.yaml: line 3: found character")
                .hasMessageContaining("cannot start any token")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> parse("homeRegion: [eu-west-2\n"))
                .hasMessageStartingWith("answers.yaml: line 2: expected ',' or ']'")
                .hasMessageNotContaining("while parsing");
    }

    @Test
    void reportsAListWhereOneValueIsExpected() {
        assertThat(parsed("accountAlias: [a, b]\n").problems())
                .containsExactly("accountAlias: a list is not a single value.");
    }

    private static Answers parse(String text) {
        return parsed(text).answers();
    }

    private static AnswersFile.Parsed parsed(String text) {
        return AnswersFile.parse("answers.yaml", text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AnswersFileTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
