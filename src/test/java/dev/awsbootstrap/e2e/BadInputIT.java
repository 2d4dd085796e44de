package dev.awsbootstrap.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.e2e.JarRunner.Result;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.MutationProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bad usage and bad input end the run with one clear line and leave every file as it was. */
@ExtendWith(MotoExtension.class)
class BadInputIT {
    @TempDir Path home;
    @TempDir Path work;

    private MotoServer moto;
    private MutationProxy proxy;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        this.proxy = MutationProxy.start(moto.endpoint());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void unknownOptionExitsWithTwoAndOneLine() {
        Result run = JarRunner.withHome(home).run("--frobnicate");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderrLines()).as(run.describe()).hasSize(1);
        assertThat(run.stderr()).contains("--frobnicate");
        assertThat(run.stdout()).as(run.describe()).isEmpty();
    }

    @Test
    void invalidAliasIsRefusedBeforeAnyAwsCallAndWithoutWritingAFile() {
        Path answers = E2eFiles.answers(work, E2eFiles.ANSWERS.replace("acme-data", "Acme_Data"));

        Result run = wizard(answers);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).as(run.describe()).contains("accountAlias").contains("Acme_Data");
        assertThat(run.stderrLines()).as(run.describe()).hasSize(1);
        assertNoStackTrace(run);
        assertThat(proxy.operations()).as("AWS calls").isEmpty();
        assertThat(E2eFiles.filesUnder(home)).as("files written under HOME").isEmpty();
    }

    @Test
    void missingAliasInANonInteractiveRunExitsWithTwoNamingIt() {
        Path answers = E2eFiles.answers(work, withoutLine(E2eFiles.ANSWERS, "accountAlias:"));

        Result run = wizard(answers);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(lastLine(run)).as(run.describe()).contains("accountAlias");
        assertNoStackTrace(run);
        assertThat(proxy.mutations()).as("mutating calls").isEmpty();
    }

    @Test
    void missingHomeRegionInANonInteractiveRunExitsWithTwoAndWritesNoFile() {
        Path answers = E2eFiles.answers(work, withoutLine(E2eFiles.ANSWERS, "homeRegion:"));

        Result run = wizard(answers);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(lastLine(run)).as(run.describe()).contains("Missing answer homeRegion");
        assertNoStackTrace(run);
        assertThat(proxy.mutations()).as("mutating calls").isEmpty();
        assertThat(E2eFiles.filesUnder(home)).as("files written under HOME").isEmpty();
    }

    @Test
    void missingBillingAccessInANonInteractiveRunExitsWithThreeToWaitForTheOperator() {
        Path answers = E2eFiles.answers(work, withoutLine(E2eFiles.ANSWERS, "billingAccess:"));

        Result run = wizard(answers);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
        assertThat(lastLine(run)).as(run.describe()).contains("billingAccess");
        assertNoStackTrace(run);
    }

    @Test
    void corruptedResumeFileIsReportedWithItsPathAndLeftUnchanged() throws Exception {
        Path answers = E2eFiles.answers(work, E2eFiles.ANSWERS);
        byte[] garbage =
                "{\"schemaVersion\": 1, \"accountId\": \"1234\u00e9\n\u0000\u0001 not json"
                        .getBytes(UTF_8);
        Path state = E2eFiles.write(work.resolve("state.json"), garbage);

        Result run = wizard(answers, "--state", state.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(lastLine(run)).as(run.describe()).contains(state.toString());
        assertNoStackTrace(run);
        assertThat(Files.readAllBytes(state)).as("the resume file's bytes").isEqualTo(garbage);
        assertThat(proxy.mutations()).as("mutating calls").isEmpty();
    }

    @Test
    void resumeFileOfAnotherAccountIsRefusedNamingBothAccountsAndLeftUnchanged() throws Exception {
        Path answers = E2eFiles.answers(work, E2eFiles.ANSWERS);
        byte[] otherAccount =
                """
                {
                  "schemaVersion" : 1,
                  "accountId" : "111111111111",
                  "createdAt" : "2026-12-01T10:00:00Z",
                  "updatedAt" : "2026-12-01T10:05:00Z",
                  "answers" : { "homeRegion" : "eu-west-1", "accountAlias" : "other-co" },
                  "steps" : {
                    "caller" : { "status" : "DONE", "at" : "2026-12-01T10:01:00Z",
                                 "note" : null, "created" : { } }
                  }
                }
                """
                        .getBytes(UTF_8);
        Path state = E2eFiles.write(work.resolve("state-111111111111.json"), otherAccount);

        Result run = wizard(answers, "--state", state.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(lastLine(run))
                .as(run.describe())
                .contains("111111111111")
                .contains(E2eFiles.ACCOUNT_ID);
        assertNoStackTrace(run);
        assertThat(Files.readAllBytes(state)).as("the resume file's bytes").isEqualTo(otherAccount);
        assertThat(proxy.mutations()).as("mutating calls").isEmpty();
        assertThat(moto.iam().listAccountAliases().accountAliases()).isEmpty();
    }

    @Test
    void realRunWithoutCredentialsExitsWithOneAndSaysHowToProvideThem() {
        Path answers = E2eFiles.answers(work, E2eFiles.ANSWERS);

        // No credentials; the metadata probe is off so that a CI host's instance role is not found.
        Result run =
                JarRunner.withHome(home)
                        .env("AWS_EC2_METADATA_DISABLED", "true")
                        .env(E2eFiles.PASSWORD_VARIABLE, E2eFiles.PASSWORD)
                        .run(
                                "--non-interactive",
                                "--answers",
                                answers.toString(),
                                "--endpoint-url",
                                proxy.endpoint().toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stderrLines()).as(run.describe()).hasSize(1);
        assertThat(run.stderr()).containsAnyOf("aws configure", "--profile");
        assertNoStackTrace(run);
        assertThat(proxy.operations()).as("AWS calls").isEmpty();
        assertThat(E2eFiles.filesUnder(home)).as("files written under HOME").isEmpty();
    }

    private Result wizard(Path answers, String... extra) {
        return E2eFiles.runner(moto, home)
                .run(E2eFiles.wizardArgs(answers, proxy.endpoint(), extra));
    }

    private static String withoutLine(String yaml, String prefix) {
        return String.join("\n", yaml.lines().filter(line -> !line.startsWith(prefix)).toList());
    }

    /** The problem line: the last line on stderr, after any step headers and instructions. */
    private static String lastLine(Result run) {
        List<String> lines = run.stderrLines();
        assertThat(lines).as(run.describe()).isNotEmpty();
        return lines.get(lines.size() - 1);
    }

    private static void assertNoStackTrace(Result run) {
        assertThat(run.stderr().lines())
                .as("stderr has no stack trace: %s", run.describe())
                .noneMatch(line -> line.strip().startsWith("at "))
                .noneMatch(line -> line.contains("at dev."))
                .noneMatch(line -> line.contains("Exception"));
    }
}
