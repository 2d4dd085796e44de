package dev.awsbootstrap.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir Path home;

    private final Instant now = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void savesAndLoadsTheStateInAnOwnerOnlyFile() throws Exception {
        Path file = StateStore.defaultFile(home, "123456789012");
        ResumeState state = ResumeState.forAccount("123456789012", now);
        state.getAnswers().put("accountAlias", "acme-data");
        state.step("account-alias").setStatus(StepStatus.DONE);
        state.step("account-alias").getCreated().put("accountAlias", "acme-data");

        try (StateStore store = new StateStore(file)) {
            store.lock();
            store.save(state);
        }

        ResumeState loaded = new StateStore(file).load().orElseThrow();
        assertThat(loaded.getAccountId()).isEqualTo("123456789012");
        assertThat(loaded.answer("accountAlias")).contains("acme-data");
        assertThat(loaded.statusOf("account-alias")).isEqualTo(StepStatus.DONE);
        assertThat(loaded.step("account-alias").getCreated())
                .containsEntry("accountAlias", "acme-data");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left behind")
                    .containsExactlyInAnyOrder(
                            "state-123456789012.json", "state-123456789012.json.lock");
        }
    }

    @Test
    void loadsNothingWhenThereIsNoFileYet() {
        assertThat(new StateStore(home.resolve("missing.json")).load()).isEmpty();
    }

    @Test
    void reportsACorruptedFileWithItsPathAndLeavesItUntouched() throws Exception {
        Path file = home.resolve("state.json");
        byte[] garbage =
                "{\"schemaVersion\": 1, \"accountId\": \"1234".getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);

        assertThatThrownBy(() -> new StateStore(file).load())
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .contains(file.toString())
                                    .contains("corrupted")
                                    .doesNotContain("\n");
                        });
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void refusesAFileWithoutAnAccountId() throws Exception {
        Path file = home.resolve("state.json");
        Files.writeString(file, "{\"schemaVersion\": 1, \"steps\": {}}");

        assertThatThrownBy(() -> new StateStore(file).load())
                .hasMessageContaining("names no 12-digit accountId");
    }

    @Test
    void refusesASecondRunWhileTheFirstHoldsTheLock() {
        Path file = home.resolve("state.json");
        try (StateStore first = new StateStore(file)) {
            first.lock();

            assertThatThrownBy(() -> new StateStore(file).lock())
                    .isInstanceOfSatisfying(
                            BootstrapException.class,
                            e ->
                                    assertThat(e.getMessage())
                                            .startsWith(
                                                    "Another aws-bootstrap run is using " + file));
        }

        try (StateStore later = new StateStore(file)) {
            later.lock();
        }
    }

    @Test
    void refusesARunWhileAnotherProcessHoldsTheLockAndForgetsItWhenThatProcessIsKilled()
            throws Exception {
        Path file = home.resolve("state.json");
        Process holder =
                new ProcessBuilder(
                                "python3",
                                "-c",
                                "import fcntl, sys, time\n"
                                        + "f = open(sys.argv[1], 'a')\n"
                                        + "fcntl.lockf(f, fcntl.LOCK_EX)\n"
                                        + "print('locked', flush=True)\n"
                                        + "time.sleep(60)\n",
                                home.resolve("state.json.lock").toString())
                        .redirectErrorStream(true)
                        .start();
        try {
            BufferedReader output =
                    new BufferedReader(
                            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> new StateStore(file).lock())
                    .hasMessageStartingWith("Another aws-bootstrap run is using " + file);
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        try (StateStore afterTheKill = new StateStore(file)) {
            afterTheKill.lock();
        }
    }
}
