package dev.awsbootstrap.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeSessionTest {
    private static final Account ACCOUNT = new Account("123456789012", "arn:aws:iam::1:root");

    @TempDir Path home;

    @Test
    void startsTheAccountsOwnResumeFileOnTheFirstRun() {
        try (ResumeSession session = session(Optional.empty(), false)) {
            session.bind(ACCOUNT);
            session.recordStatus("caller", StepStatus.DONE, null, true);
        }

        ResumeState saved =
                new StateStore(StateStore.defaultFile(home, ACCOUNT.id())).load().orElseThrow();
        assertThat(saved.getAccountId()).isEqualTo(ACCOUNT.id());
        assertThat(saved.statusOf("caller")).isEqualTo(StepStatus.DONE);
    }

    @Test
    void writesNothingUntilThereIsSomethingToRecord() {
        try (ResumeSession session = session(Optional.empty(), false)) {
            session.bind(ACCOUNT);
        }

        assertThat(home.resolve(".aws-bootstrap")).doesNotExist();
    }

    @Test
    void refusesToOverwriteAResumeFileThatAnotherRunWroteSinceThisOneReadIt() {
        try (ResumeSession slow = session(Optional.empty(), false)) {
            slow.bind(ACCOUNT);
            try (ResumeSession fast = session(Optional.empty(), false)) {
                fast.bind(ACCOUNT);
                fast.recordStatus("caller", StepStatus.DONE, null, true);
            }

            assertThatThrownBy(() -> slow.recordStatus("caller", StepStatus.DONE, null, true))
                    .isInstanceOfSatisfying(
                            BootstrapException.class,
                            e -> {
                                assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                                assertThat(e.getMessage())
                                        .contains("changed while this run was starting");
                            });
        }
    }

    @Test
    void refusesTheResumeFileOfAnotherAccountAndLeavesItAsItIs() throws Exception {
        Path file = home.resolve("other.json");
        new StateStore(file).save(ResumeState.forAccount("111111111111", Instant.EPOCH));
        byte[] before = Files.readAllBytes(file);

        try (ResumeSession session = session(Optional.of(file), false)) {
            assertThatThrownBy(() -> session.bind(ACCOUNT))
                    .isInstanceOfSatisfying(
                            BootstrapException.class,
                            e -> {
                                assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                                assertThat(e.getMessage())
                                        .contains(file.toString(), "111111111111", "123456789012");
                            });
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aStepThatChangedNothingKeepsTheTimeItWasDone() throws Exception {
        Path file = StateStore.defaultFile(home, ACCOUNT.id());
        Instant done = Instant.parse("2026-12-01T09:00:00Z");
        try (ResumeSession first = session(Optional.empty(), false, done)) {
            first.bind(ACCOUNT);
            first.recordAnswer("billingAccess", "later");
            first.recordCreated("roles", "AdminRole", "arn:aws:iam::123456789012:role/AdminRole");
            first.recordStatus("roles", StepStatus.DONE, null, true);
        }
        byte[] before = Files.readAllBytes(file);

        Instant later = Instant.parse("2026-12-04T09:00:00Z");
        try (ResumeSession again = session(Optional.empty(), false, later)) {
            again.bind(ACCOUNT);
            again.recordAnswer("billingAccess", "later");
            again.recordCreated("roles", "AdminRole", "arn:aws:iam::123456789012:role/AdminRole");
            again.recordStatus("roles", StepStatus.DONE, null, false);
        }
        assertThat(Files.readAllBytes(file)).as("not rewritten").isEqualTo(before);

        try (ResumeSession repaired = session(Optional.empty(), false, later)) {
            repaired.bind(ACCOUNT);
            repaired.recordStatus("roles", StepStatus.DONE, null, true);
        }
        ResumeState saved = new StateStore(file).load().orElseThrow();
        assertThat(saved.getSteps().get("roles").getAt()).as("a repair").isEqualTo(later);
    }

    @Test
    void aDryRunReadsTheResumeFileButNeverWritesOrLocksIt() throws Exception {
        try (ResumeSession session = session(Optional.empty(), true)) {
            session.bind(ACCOUNT);
            session.recordAnswer("accountAlias", "acme-data");
            session.recordStatus("caller", StepStatus.DONE, null, true);
        }

        assertThat(home.resolve(".aws-bootstrap")).doesNotExist();
    }

    @Test
    void needsNoFileWhenTheAccountIsUnknown() {
        try (ResumeSession session = session(Optional.empty(), true)) {
            session.bind(Account.unknown());

            assertThat(session.state().getAccountId()).isEqualTo(Account.PLACEHOLDER_ID);
            assertThat(session.file()).isEmpty();
        }
    }

    private ResumeSession session(Optional<Path> file, boolean dryRun) {
        return new ResumeSession(file, home, dryRun, Clock.systemUTC());
    }

    private ResumeSession session(Optional<Path> file, boolean dryRun, Instant now) {
        return new ResumeSession(file, home, dryRun, Clock.fixed(now, ZoneOffset.UTC));
    }
}
