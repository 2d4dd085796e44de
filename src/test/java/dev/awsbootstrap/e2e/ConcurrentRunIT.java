package dev.awsbootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.e2e.JarRunner.Result;
import dev.awsbootstrap.e2e.JarRunner.Running;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.MutationProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs on one resume file: a second run started while the first holds the file's lock is
 * refused at once and changes nothing; a lock left by a SIGKILLed run blocks nobody.
 *
 * <p>The first run is held still at the root MFA question: its answers file gives the home region,
 * whose answer is the run's first write and so takes the lock, but no {@code rootMfa}, and its
 * standard input stays open with nothing typed. moto reports no root MFA, so the run asks there,
 * before any change.
 */
@ExtendWith(MotoExtension.class)
class ConcurrentRunIT {
    /** The prompt the held run waits at, after the root MFA choices. */
    private static final String ROOT_MFA_PROMPT = "Your choice";

    private static final Duration PROMPT_TIMEOUT = Duration.ofSeconds(30);

    @TempDir Path home;
    @TempDir Path work;

    @Test
    void aSecondRunIsRefusedAtOnceAndALockLeftByAKilledRunBlocksNobody(MotoServer moto)
            throws Exception {
        Path full = E2eFiles.answers(work, E2eFiles.ANSWERS);
        Path withoutRootMfa =
                E2eFiles.write(
                        work.resolve("answers-without-root-mfa.yaml"),
                        String.join(
                                        "\n",
                                        E2eFiles.ANSWERS
                                                .lines()
                                                .filter(line -> !line.startsWith("rootMfa:"))
                                                .toList())
                                .getBytes(StandardCharsets.UTF_8));

        try (MutationProxy firstProxy = MutationProxy.start(moto.endpoint());
                MutationProxy secondProxy = MutationProxy.start(moto.endpoint())) {
            Running first = heldAt(ROOT_MFA_PROMPT, withoutRootMfa, moto, firstProxy);
            Path lockFile = lockFile(E2eFiles.resumeFile(home));
            assertThat(lockFile).as("the held run has taken the lock").exists();

            Result second =
                    E2eFiles.runner(moto, home)
                            .run(E2eFiles.wizardArgs(full, secondProxy.endpoint()));

            assertThat(second.exitCode()).as(second.describe()).isEqualTo(1);
            assertThat(second.elapsed()).as(second.describe()).isLessThan(Duration.ofSeconds(15));
            List<String> refusals =
                    second.stderrLines().stream()
                            .filter(line -> line.contains("Another aws-bootstrap run is using"))
                            .toList();
            assertThat(refusals).as(second.describe()).hasSize(1);
            assertThat(refusals.get(0))
                    .contains(E2eFiles.resumeFile(home).toString())
                    .contains("wait for it to finish, then run again");
            assertThat(second.stderrLines())
                    .as("the refusal is the last line, without a stack trace")
                    .last()
                    .isEqualTo(refusals.get(0));
            assertThat(second.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(secondProxy.mutations()).as("the refused run's changes").isEmpty();
            assertThat(firstProxy.mutations()).as("the held run's changes so far").isEmpty();

            first.kill();
            Result killed = first.await(Duration.ofSeconds(10));
            assertThat(killed.killed()).isTrue();
            assertThat(lockFile).as("SIGKILL leaves the lock file behind").exists();
        }

        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            Result after =
                    E2eFiles.runner(moto, home).run(E2eFiles.wizardArgs(full, proxy.endpoint()));

            assertThat(after.exitCode()).as(after.describe()).isZero();
            assertThat(proxy.mutations())
                    .as("the run after the kill makes every change of a first run")
                    .containsExactlyElementsOf(WizardRunIT.FIRST_RUN_CHANGES);
            assertThat(E2eFiles.stepStatuses(E2eFiles.resumeFile(home)))
                    .containsEntry("verify", "DONE");
        }
    }

    /**
     * A run of a finished account may change nothing at all, yet it holds the file from its start:
     * here the held run waits at the question whether to repair a role someone changed by hand.
     */
    @Test
    void aSecondRunOfAFinishedAccountIsRefusedWhileTheFirstWaitsAtAQuestion(MotoServer moto)
            throws Exception {
        Path full = E2eFiles.answers(work, E2eFiles.ANSWERS);
        Result setUp = E2eFiles.runner(moto, home).run(E2eFiles.wizardArgs(full, moto.endpoint()));
        assertThat(setUp.exitCode()).as(setUp.describe()).isZero();
        moto.iam()
                .detachRolePolicy(
                        q ->
                                q.roleName("AdminRole")
                                        .policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));

        try (MutationProxy firstProxy = MutationProxy.start(moto.endpoint());
                MutationProxy secondProxy = MutationProxy.start(moto.endpoint())) {
            Running first = heldAt("Repair the drift of AdminRole?", full, moto, firstProxy);

            Result second =
                    E2eFiles.runner(moto, home)
                            .run(E2eFiles.wizardArgs(full, secondProxy.endpoint()));

            assertThat(second.exitCode()).as(second.describe()).isEqualTo(1);
            assertThat(second.stderrLines())
                    .as(second.describe())
                    .last()
                    .asString()
                    .startsWith("Error: Another aws-bootstrap run is using");
            assertThat(secondProxy.mutations()).as("the refused run's changes").isEmpty();
            first.kill();
            first.await(Duration.ofSeconds(10));
        }
    }

    /**
     * A run at a terminal-less prompt: its standard input stays open with nothing typed, so it
     * waits at {@code prompt} for as long as the test needs.
     */
    private Running heldAt(String prompt, Path answers, MotoServer moto, MutationProxy proxy) {
        Running run =
                E2eFiles.runner(moto, home)
                        .keepStdinOpen()
                        .start(
                                "--answers",
                                answers.toString(),
                                "--endpoint-url",
                                proxy.endpoint().toString());
        run.awaitStderr(prompt, PROMPT_TIMEOUT);
        return run;
    }

    private static Path lockFile(Path resumeFile) {
        return resumeFile.resolveSibling(resumeFile.getFileName() + ".lock");
    }
}
