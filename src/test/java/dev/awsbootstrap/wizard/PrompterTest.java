package dev.awsbootstrap.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.console.Console.Choice;
import dev.awsbootstrap.testing.TestConsole;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrompterTest {
    private static final Function<String, Optional<String>> ANY = a -> Optional.empty();
    private static final Account ACCOUNT = new Account("123456789012", "arn:aws:iam::1:root");

    @TempDir Path home;

    @Test
    void takesTheAnswersFileFirstAndRecordsIt() {
        ResumeSession session = session(false);

        String alias =
                prompter(TestConsole.nonInteractive(), session, false)
                        .text("accountAlias", "acme-data", "Account alias", "why", null, ANY);

        assertThat(alias).isEqualTo("acme-data");
        assertThat(session.state().answer("accountAlias")).contains("acme-data");
    }

    @Test
    void reusesTheAnswerOfAnEarlierRunInsteadOfAskingAgain() {
        ResumeSession before = session(false);
        before.recordAnswer("accountAlias", "from-before");
        before.close();
        ResumeSession resumed = session(false);

        String alias =
                prompter(TestConsole.nonInteractive(), resumed, false)
                        .text("accountAlias", null, "Account alias", "why", null, ANY);

        assertThat(alias).isEqualTo("from-before");
    }

    @Test
    void asksTheOperatorAndRecordsTheAnswer() {
        TestConsole console = TestConsole.typing("typed-alias");
        ResumeSession session = session(false);

        String alias =
                prompter(console, session, false)
                        .text(
                                "accountAlias",
                                null,
                                "Account alias",
                                "Names the sign-in URL.",
                                null,
                                ANY);

        assertThat(alias).isEqualTo("typed-alias");
        assertThat(session.state().answer("accountAlias")).contains("typed-alias");
        assertThat(console.err()).contains("Names the sign-in URL.");
    }

    @Test
    void namesTheMissingAnswerWhenNobodyCanAnswer() {
        assertThatThrownBy(
                        () ->
                                prompter(TestConsole.nonInteractive(), session(false), false)
                                        .text(
                                                "accountAlias",
                                                null,
                                                "Account alias",
                                                "why",
                                                null,
                                                ANY))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .isEqualTo(
                                            "Missing answer accountAlias (Account alias):"
                                                    + " add accountAlias to the answers file,"
                                                    + " or run without --non-interactive.");
                        });
    }

    @Test
    void aDryRunNeverAsksAndShowsAPlaceholderOrTheDefault() {
        Prompter prompter = prompter(TestConsole.nonInteractive(), session(true), true);

        assertThat(prompter.text("accountAlias", null, "Account alias", "why", null, ANY))
                .isEqualTo("<accountAlias>");
        assertThat(prompter.text("homeRegion", null, "Home region", "why", "eu-west-2", ANY))
                .isEqualTo("eu-west-2");
        assertThat(prompter.secret("console password", "use an environment variable"))
                .isEqualTo("****");
    }

    @Test
    void aDryRunKeepsToTheDefaultItTookWhenALaterStepAsksAgain() {
        Prompter prompter = prompter(TestConsole.nonInteractive(), session(true), true);
        List<Choice> regions = List.of(new Choice("eu-west-2", "London"));

        assertThat(
                        prompter.choice(
                                "homeRegion",
                                null,
                                "Home region",
                                "why",
                                regions,
                                "eu-west-2",
                                ANY))
                .isEqualTo("eu-west-2");
        assertThat(prompter.text("homeRegion", null, "Home region", "why", null, ANY))
                .as("no placeholder for an answer the run already has")
                .isEqualTo("eu-west-2");
    }

    @Test
    void refusesToReadASecretWithoutATerminalAndSaysWhatToDoInstead() {
        Prompter prompter = prompter(TestConsole.typing("hunter2"), session(false), false);

        assertThatThrownBy(
                        () ->
                                prompter.secret(
                                        "console password",
                                        "set user.consolePasswordEnv in the answers file"))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .contains("console password")
                                    .endsWith("set user.consolePasswordEnv in the answers file.");
                        });
    }

    private Prompter prompter(TestConsole console, ResumeSession session, boolean dryRun) {
        return new Prompter(console.console(), session, dryRun);
    }

    private ResumeSession session(boolean dryRun) {
        ResumeSession session =
                new ResumeSession(Optional.empty(), home, dryRun, Clock.systemUTC());
        session.bind(ACCOUNT);
        session.close();
        return session;
    }
}
