package dev.awsbootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in this JVM: parsing, exit codes, and what reaches each stream. */
class MainTest {
    /** A profile nobody has, so that no developer credentials are ever picked up here. */
    private static final String NO_SUCH_PROFILE = "aws-bootstrap-test-no-such-profile";

    @TempDir Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void rejectsAnUnknownOptionWithExitTwoAndOneLine() {
        int code = run("--frobnicate");

        assertThat(code).isEqualTo(2);
        assertThat(err().lines())
                .containsExactly(
                        "Error: Unknown option: '--frobnicate': see aws-bootstrap --help.");
        assertThat(out()).isEmpty();
    }

    @Test
    void rejectsAnUnknownOutputFormat() {
        assertThat(run("--output", "xml")).isEqualTo(2);
        assertThat(err()).contains("--output");
    }

    @Test
    void rejectsAnUnknownRegionBeforeAnyAwsCall() {
        assertThat(run("--region", "nowhere-1", "--dry-run")).isEqualTo(2);
        assertThat(err().lines())
                .containsExactly(
                        "Error: --region \"nowhere-1\" is not an AWS region code: use one"
                                + " such as eu-west-2.");
    }

    @Test
    void printsTheVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("aws-bootstrap ");
    }

    @Test
    void reportsEveryBadAnswerBeforeAnyAwsCallAndWritesNothing() throws Exception {
        Path answers = home.resolve("answers.yaml");
        Files.writeString(answers, "accountAlias: Acme_Data\nbudget: {currency: GBP}\n");

        int code =
                run(
                        "--answers",
                        answers.toString(),
                        "--non-interactive",
                        "--endpoint-url",
                        "http://127.0.0.1:9");

        assertThat(code).isEqualTo(2);
        assertThat(err().lines())
                .hasSize(2)
                .allMatch(line -> line.startsWith("Error: " + answers + ": "))
                .anyMatch(line -> line.contains("accountAlias: \"Acme_Data\""))
                .anyMatch(line -> line.contains("budget.currency: \"GBP\""));
        assertThat(home.resolve(".aws-bootstrap")).doesNotExist();
    }

    @Test
    void previewsThePlanAsJsonWithoutCredentials() throws Exception {
        int code = run("--dry-run", "--profile", NO_SUCH_PROFILE, "--output", "json");

        assertThat(code).isZero();
        JsonNode report = new ObjectMapper().readTree(out());
        assertThat(report.get("account").asText()).isEqualTo("ACCOUNT_ID");
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("plan").get(0).asText())
                .isEqualTo("aws iam create-account-alias --account-alias '<accountAlias>'");
        assertThat(home.resolve(".aws-bootstrap")).doesNotExist();
    }

    @Test
    void saysHowToFixAProfileWithoutCredentials() {
        int code = run("--profile", NO_SUCH_PROFILE, "--non-interactive");

        assertThat(code).isEqualTo(1);
        assertThat(err().lines())
                .singleElement()
                .asString()
                .startsWith("Error: The profile " + NO_SUCH_PROFILE + " has no usable credentials")
                .contains("aws configure --profile " + NO_SUCH_PROFILE);
    }

    @Test
    void statusShowsEachStepFromTheResumeFile() {
        ResumeState state = ResumeState.forAccount("123456789012", Instant.EPOCH);
        state.step("caller").setStatus(StepStatus.DONE);
        state.step("billing-access").setStatus(StepStatus.LATER);
        state.step("billing-access").setNote("Activate IAM access to billing.");
        new StateStore(StateStore.defaultFile(home, "123456789012")).save(state);

        int code = run("status");

        assertThat(code).isZero();
        assertThat(out())
                .contains("Account 123456789012")
                .containsPattern("Caller and home region +done")
                .containsPattern("Root user MFA +to do")
                .containsPattern(
                        "IAM access to billing +waiting for you +Activate IAM access to billing.");
    }

    @Test
    void statusReadsTheFileNamedBeforeOrAfterTheWordStatusAndCanAnswerInJson() throws Exception {
        Path file = home.resolve("elsewhere.json");
        ResumeState state = ResumeState.forAccount("123456789012", Instant.EPOCH);
        state.step("account-alias").setStatus(StepStatus.DONE);
        new StateStore(file).save(state);

        assertThat(run("--state", file.toString(), "status")).isZero();
        assertThat(out()).containsPattern("Account alias +done");
        out.reset();

        assertThat(run("status", "--state", file.toString(), "--output", "json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("account").asText()).isEqualTo("123456789012");
        assertThat(json.get("steps").get(2).get("status").asText()).isEqualTo("done");
    }

    @Test
    void statusSaysWhatToDoWhenThereIsNoResumeFile() {
        assertThat(run("status")).isEqualTo(2);
        assertThat(err()).contains("No resume file in ").contains("run aws-bootstrap first");
    }

    private int run(String... args) {
        return Main.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("HOME", home.toString()));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
