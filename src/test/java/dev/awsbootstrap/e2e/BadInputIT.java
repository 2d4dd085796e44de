package dev.awsbootstrap.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.e2e.BadFileCases.Arranged;
import dev.awsbootstrap.e2e.BadFileCases.BadFile;
import dev.awsbootstrap.e2e.JarRunner.Result;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.MutationProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    static List<BadFile> badFiles() {
        return BadFileCases.all();
    }

    /**
     * A file that breaks one rule ends the run before any AWS change, with exit 2 and one line that
     * names the key or file, the value and the rule, and every file stays as it was.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileIsRefusedWithOneLineBeforeAnyChange(BadFile bad) throws Exception {
        E2eFiles.write(home.resolve(".aws/config"), BadFileCases.CONFIG.getBytes(UTF_8));
        E2eFiles.write(home.resolve(".aws/credentials"), BadFileCases.CREDENTIALS.getBytes(UTF_8));
        Arranged arranged = bad.setup().arrange(home, work);
        Path answers = E2eFiles.answers(work, arranged.answers());
        Map<String, String> before = snapshot();

        Result run =
                E2eFiles.runner(moto, home)
                        .env(arranged.env())
                        .run(
                                E2eFiles.wizardArgs(
                                        answers,
                                        proxy.endpoint(),
                                        arranged.args().toArray(String[]::new)));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderrLines()).as(run.describe()).hasSize(1);
        String line = run.stderrLines().get(0);
        for (String mention : bad.mentions()) {
            assertThat(line)
                    .as(run.describe())
                    .contains(
                            mention.replace("{home}", home.toString())
                                    .replace("{work}", work.toString()));
        }
        for (String secret : bad.hidden()) {
            assertThat(run.stderr() + run.stdout()).as("output").doesNotContain(secret);
        }
        assertThat(run.stdout()).as(run.describe()).isEmpty();
        assertNoStackTrace(run);
        assertThat(proxy.mutations()).as("mutating calls").isEmpty();
        assertThat(snapshot()).as("every file under HOME and the work directory").isEqualTo(before);
    }

    /** Each file under HOME and the work directory (answers and resume files), as Base64. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Path root : List.of(home, work)) {
            for (String name : E2eFiles.filesUnder(root)) {
                byte[] bytes = Files.readAllBytes(root.resolve(name));
                files.put(root.resolve(name).toString(), Base64.getEncoder().encodeToString(bytes));
            }
        }
        return files;
    }

    /**
     * The account's own resume file can only be found once the caller is known, so the problem line
     * comes after the first step's header; still nothing is changed.
     */
    @Test
    void corruptedResumeFileInItsDefaultPlaceIsReportedAfterTheCallerIsKnown() throws Exception {
        Path answers = E2eFiles.answers(work, E2eFiles.ANSWERS);
        byte[] garbage = "{\"schemaVersion\": 1, \"accountId\": ".getBytes(UTF_8);
        Path state = E2eFiles.write(E2eFiles.resumeFile(home), garbage);

        Result run = wizard(answers);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(lastLine(run)).as(run.describe()).contains(state.toString(), "corrupted");
        assertThat(run.stderrLines()).as(run.describe()).hasSizeLessThanOrEqualTo(2);
        assertNoStackTrace(run);
        assertThat(proxy.mutations()).as("mutating calls").isEmpty();
        assertThat(Files.readAllBytes(state)).as("the resume file's bytes").isEqualTo(garbage);
    }

    /** The prompt path in the real process: piped input, read line by line. */
    @Test
    void aliasTypedBadlyIntoPipedInputIsAskedAgainAndTheGoodOneFinishesTheRun() {
        Path answers = E2eFiles.answers(work, withoutLine(E2eFiles.ANSWERS, "accountAlias:"));

        Result run =
                E2eFiles.runner(moto, home)
                        .stdin("Acme_Data\nacme-data\n")
                        .run(
                                "--answers",
                                answers.toString(),
                                "--endpoint-url",
                                proxy.endpoint().toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr())
                .as(run.describe())
                .contains("! \"Acme_Data\": an account alias has only lowercase letters")
                .contains("Try again.");
        assertNoStackTrace(run);
        assertThat(moto.iam().listAccountAliases().accountAliases()).containsExactly("acme-data");
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
