package dev.awsbootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.e2e.CrashResumeIT.Outcome;
import dev.awsbootstrap.e2e.JarRunner.Result;
import dev.awsbootstrap.testing.Fault;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.MutationProxy;
import dev.awsbootstrap.testing.MutationProxy.Attempt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The wizard against AWS failing: every call's first attempt faulted, a credential or permission
 * error that no retry cures, and Ctrl-C while it waits for IAM. Each run is compared with one
 * uninterrupted run of the same answers.
 *
 * <p>A read timeout is not among the faults here: a real run waits 30 s for an answer, so that
 * retry is tested in-process with short timeouts, in AwsClientsRetryTest.
 */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsFaultsIT {
    /**
     * The permission check's simulation: advice that the run goes on without when it fails, so its
     * one call is not retried (see PermissionCheck), and a faulted attempt ends the check.
     */
    private static final String ADVISORY = "SimulatePrincipalPolicy";

    /** Long enough for a run whose every call is retried, with throttling's 1 s backoff. */
    private static final Duration FAULTED_RUN_TIMEOUT = Duration.ofSeconds(120);

    @TempDir Path work;

    private Reference reference;

    @Test
    void aRunWhoseEveryCallFailsOnceEndsAsAnUninterruptedRun(MotoServer moto) {
        Reference expected = reference(moto);
        Path home = directory("home-faulted");
        Result run;
        List<Attempt> attempts;
        List<String> forwarded;
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            proxy.faultFirstAttemptOfEachCall(Fault.quickRetryable());
            run = wizard(moto, home).run(FAULTED_RUN_TIMEOUT, args(proxy));
            attempts = proxy.attempts();
            forwarded = proxy.operations();
        }

        assertThat(run.exitCode()).as(run.describe()).isZero();
        Map<String, List<Attempt>> calls = new LinkedHashMap<>();
        attempts.forEach(
                a -> calls.computeIfAbsent(a.invocationId(), id -> new ArrayList<>()).add(a));
        SoftAssertions softly = new SoftAssertions();
        calls.forEach(
                (id, tries) -> {
                    String call = tries.get(0).operation() + " " + id;
                    if (tries.get(0).operation().equals(ADVISORY)) {
                        softly.assertThat(tries)
                                .as("%s: faulted once and, being advice, not sent again", call)
                                .extracting(Attempt::fault)
                                .singleElement()
                                .matches(Optional::isPresent);
                        return;
                    }
                    softly.assertThat(tries)
                            .as("%s: faulted once, then sent again and answered", call)
                            .extracting(Attempt::fault)
                            .hasSize(2)
                            .first()
                            .matches(Optional::isPresent);
                    softly.assertThat(tries.get(tries.size() - 1).fault())
                            .as("%s: the last attempt reached moto", call)
                            .isEmpty();
                    softly.assertThat(tries.get(tries.size() - 1).sdkAttempt())
                            .as("%s: sent again by the SDK's retry strategy", call)
                            .startsWith("attempt=2;");
                });
        softly.assertThat(forwarded)
                .as("what moto saw: the reference run's calls, each once")
                .isEqualTo(
                        expected.operations().stream().filter(op -> !op.equals(ADVISORY)).toList());
        softly.assertThat(run.stderr())
                .as("the permission check gave up and the run carried on")
                .contains("Could not check the caller's permissions");
        softly.assertThat(CrashResumeIT.outcome(moto, home))
                .as("roles, user, MFA, key, budget, profiles and resume file")
                .isEqualTo(expected.outcome());
        softly.assertThat(faultsByKind(attempts).keySet())
                .as("every kind of fault was injected")
                .containsExactlyInAnyOrderElementsOf(
                        Fault.quickRetryable().stream().map(Fault::name).toList());
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "AccessDenied, 403, grant the caller the iam:CreateUser permission",
        "InvalidClientTokenId, 403, does not accept the access key used for iam:CreateUser",
        "ExpiredToken, 400, used for iam:CreateUser have expired (ExpiredToken): get new ones"
    })
    void aCredentialOrPermissionErrorStopsWithOneLineAndTheNextRunResumes(
            String code, int status, String explanation, MotoServer moto) {
        Reference expected = reference(moto);
        Path home = directory("home-" + code);
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            proxy.faultEveryAttempt("CreateUser", Fault.error(code, status));
            Result failed = wizard(moto, home).run(args(proxy));

            assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
            List<String> lines = failed.stderrLines();
            assertThat(lines.get(lines.size() - 1))
                    .as(failed.describe())
                    .startsWith("Error: ")
                    .contains(explanation)
                    .endsWith("then run again to resume.");
            assertThat(failed.stderr())
                    .as("no stack trace")
                    .doesNotContainPattern("(?m)^\\s+at ")
                    .doesNotContain("Exception");
            assertThat(proxy.attempts().stream().filter(a -> a.fault().isPresent()))
                    .as("not retried: the error says nothing would change")
                    .hasSize(1);
            assertStepsBeforeAreAsInTheReference(home, "user", expected);

            proxy.clearFaults();
            Result resumed = wizard(moto, home).run(args(proxy));
            assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
        }
        assertThat(CrashResumeIT.outcome(moto, home)).isEqualTo(expected.outcome());
    }

    @Test
    void ctrlCWhileWaitingForIamEndsWith130AndTheNextRunResumes(MotoServer moto)
            throws InterruptedException {
        Reference expected = reference(moto);
        Path home = directory("home-interrupted");
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            // As IAM answers AssumeRole until a new role or policy has reached STS.
            proxy.faultEveryAttempt("AssumeRole", Fault.error("AccessDenied", 403));
            JarRunner.Running running = wizard(moto, home).start(args(proxy));
            long deadline = System.nanoTime() + JarRunner.DEFAULT_TIMEOUT.toNanos();
            // The first denial is followed by a 1 s pause, the second by a 2 s one: signal in it.
            while (assumeRoleDenials(proxy) < 2
                    && running.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            running.interrupt();
            Result interrupted = running.await(JarRunner.DEFAULT_TIMEOUT);

            assertThat(interrupted.exitCode()).as(interrupted.describe()).isEqualTo(130);
            assertThat(interrupted.stderr()).as(interrupted.describe()).contains("Waiting for IAM");
            List<String> lines = interrupted.stderrLines();
            assertThat(lines.get(lines.size() - 1))
                    .as(interrupted.describe())
                    .contains("Interrupted")
                    .contains("again to resume");
            assertStepsBeforeAreAsInTheReference(home, "verify", expected);

            proxy.clearFaults();
            Result resumed = wizard(moto, home).run(args(proxy));
            assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
        }
        assertThat(CrashResumeIT.outcome(moto, home)).isEqualTo(expected.outcome());
    }

    /** The resume file parses, and the steps before {@code step} ended as in the reference. */
    private static void assertStepsBeforeAreAsInTheReference(
            Path home, String step, Reference expected) {
        Map<String, String> statuses = E2eFiles.stepStatuses(E2eFiles.resumeFile(home));
        Map<String, String> before = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : expected.outcome().statuses().entrySet()) {
            if (expected.stepOrder().indexOf(entry.getKey()) < expected.stepOrder().indexOf(step)) {
                before.put(entry.getKey(), entry.getValue());
            }
        }
        assertThat(before).as("steps before %s in the reference", step).isNotEmpty();
        assertThat(statuses)
                .as("the resume file after the stop at %s", step)
                .containsAllEntriesOf(before)
                .doesNotContainEntry(step, expected.outcome().statuses().get(step));
    }

    private static long assumeRoleDenials(MutationProxy proxy) {
        return proxy.attempts().stream()
                .filter(a -> a.operation().equals("AssumeRole") && a.fault().isPresent())
                .count();
    }

    private static Map<String, Integer> faultsByKind(List<Attempt> attempts) {
        return attempts.stream()
                .filter(a -> a.fault().isPresent())
                .collect(
                        Collectors.toMap(
                                a -> a.fault().get().name(), a -> 1, Integer::sum, TreeMap::new));
    }

    /** The uninterrupted run, made once for the class. */
    private synchronized Reference reference(MotoServer moto) {
        if (reference == null) {
            moto.reset();
            Path home = directory("home-reference");
            try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
                Result run = wizard(moto, home).run(args(proxy));
                assertThat(run.exitCode()).as("the reference run: %s", run.describe()).isZero();
                List<String> order =
                        new ArrayList<>(E2eFiles.stepStatuses(E2eFiles.resumeFile(home)).keySet());
                reference =
                        new Reference(
                                proxy.operations(),
                                CrashResumeIT.outcome(moto, home),
                                order,
                                run.elapsed());
            }
            moto.reset();
        }
        return reference;
    }

    private String[] args(MutationProxy proxy) {
        return E2eFiles.wizardArgs(E2eFiles.answers(work, E2eFiles.ANSWERS), proxy.endpoint());
    }

    /**
     * A runner of the jar with fake credentials. The JVM compiles with C1 only: the runs here are
     * short and many, and on a busy 2-core machine this takes a third off each one without changing
     * what the code does.
     */
    private static JarRunner wizard(MotoServer moto, Path home) {
        return E2eFiles.runner(moto, home)
                .jvmOptions("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }

    private Path directory(String name) {
        try {
            return Files.createDirectory(work.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The uninterrupted run: what moto saw, what it left, and its steps in resume-file order. */
    private record Reference(
            List<String> operations, Outcome outcome, List<String> stepOrder, Duration elapsed) {}
}
