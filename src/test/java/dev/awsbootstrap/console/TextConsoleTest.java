package dev.awsbootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.console.Console.Choice;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextConsoleTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void asksAgainWithTheBrokenRuleUntilTheAnswerIsValid() {
        TextConsole console = typing(false, "BAD", "good");

        String answer =
                console.ask(
                        "Name",
                        null,
                        a -> a.equals("good") ? Optional.empty() : Optional.of("use lowercase"));

        assertThat(answer).isEqualTo("good");
        assertThat(err()).contains("! \"BAD\": use lowercase. Try again.");
    }

    @Test
    void takesTheDefaultWhenTheOperatorJustPressesEnter() {
        assertThat(typing(false, "").ask("Region", "eu-west-2", a -> Optional.empty()))
                .isEqualTo("eu-west-2");
    }

    @Test
    void offersChoicesAndAcceptsAnotherAnswerThatPassesTheRule() {
        TextConsole console = typing(false, "ap-south-1");
        List<Choice> choices = List.of(new Choice("eu-west-2", "London"));

        String answer =
                console.choose(
                        "Home region",
                        choices,
                        "eu-west-2",
                        a -> a.startsWith("ap-") ? Optional.empty() : Optional.of("not a region"));

        assertThat(answer).isEqualTo("ap-south-1");
        assertThat(err()).contains("* eu-west-2  London");
    }

    @Test
    void linesUpTheChoicesDescriptions() {
        TextConsole console = typing(false, "");
        List<Choice> choices =
                List.of(new Choice("check", "check again"), new Choice("accept-risk", "go on"));

        console.choose("Root MFA", choices, "check", null);

        assertThat(err())
                .contains("   * check        check again")
                .contains("     accept-risk  go on");
    }

    @Test
    void startsASecretsPromptWithACapitalAndNeverEchoesIt() {
        List<String> prompts = new ArrayList<>();
        LineSource terminal =
                new LineSource() {
                    @Override
                    public String readLine(String prompt) {
                        throw new AssertionError("not a secret");
                    }

                    @Override
                    public String readSecret(String prompt) {
                        prompts.add(prompt);
                        return "hunter2-hunter2";
                    }

                    @Override
                    public boolean canRead() {
                        return true;
                    }

                    @Override
                    public boolean canReadSecret() {
                        return true;
                    }
                };

        String secret = console(terminal, false).askSecret("console password for jane");

        assertThat(secret).isEqualTo("hunter2-hunter2");
        assertThat(prompts).containsExactly("  Console password for jane: ");
        assertThat(err()).doesNotContain("hunter2");
    }

    @Test
    void refusesAnUnlistedChoiceWhenOnlyTheListCounts() {
        TextConsole console = typing(false, "maybe", "later");
        List<Choice> choices = List.of(new Choice("confirmed", "yes"), new Choice("later", "no"));

        assertThat(console.choose("Done?", choices, "confirmed", null)).isEqualTo("later");
        assertThat(err()).contains("\"maybe\": type one of confirmed, later");
    }

    @Test
    void readsYesAndNo() {
        assertThat(typing(false, "y").confirm("Keep it?", false)).isTrue();
        assertThat(typing(false, "no").confirm("Keep it?", true)).isFalse();
        assertThat(typing(false, "").confirm("Keep it?", true)).isTrue();
    }

    @Test
    void treatsTheEndOfPipedInputAsAMissingAnswerNamingTheQuestion() {
        assertThatThrownBy(() -> typing(false).ask("Account alias", null, a -> Optional.empty()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .startsWith(
                                            "The input ended before the question \"Account"
                                                    + " alias\" was answered");
                        });
    }

    @Test
    void neverReadsASecretFromPipedInput() {
        assertThat(typing(false, "hunter2").canAskSecret()).isFalse();
        assertThat(typing(false).canAsk()).isTrue();
        assertThat(console(new NoInput(), false).canAsk()).isFalse();
    }

    @Test
    void quietHidesProgressButKeepsProblemsAndResults() {
        TextConsole console = console(new NoInput(), true);

        console.header("[1/4] Caller");
        console.info("found something");
        console.success("done");
        console.warn("careful");
        console.error("broken\nsecond line");
        console.result("the summary");

        assertThat(err())
                .doesNotContain("Caller", "found something", "done")
                .contains("! careful", "Error: broken", "Error: second line");
        assertThat(out()).isEqualTo("the summary" + System.lineSeparator());
    }

    @Test
    void writesNoEscapeSequenceWhenColourIsOff() {
        TextConsole console = console(new NoInput(), false);

        console.header("Header");
        console.warn("warning");
        console.error("error");

        assertThat(err()).doesNotContain("\u001b[");
    }

    @Test
    void marksStyledLinesWithColourWhenColourIsOn() {
        TextConsole console =
                new TextConsole(stream(out), stream(err), new NoInput(), new Style(true), false);

        console.warn("warning");

        assertThat(err()).contains("\u001b[").contains("! warning");
    }

    private TextConsole typing(boolean quiet, String... lines) {
        String script = lines.length == 0 ? "" : String.join("\n", lines) + "\n";
        return console(
                new StreamLineSource(
                        new BufferedReader(new StringReader(script)),
                        stream(new ByteArrayOutputStream())),
                quiet);
    }

    private TextConsole console(LineSource input, boolean quiet) {
        return new TextConsole(stream(out), stream(err), input, new Style(false), quiet);
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
