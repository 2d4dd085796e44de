package dev.awsbootstrap.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.status.ClaimCheck.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the resume file claims, and the checks that need no AWS call. */
class LiveCheckTest {
    private static final String ACCOUNT = "123456789012";

    @TempDir Path directory;

    @Test
    void readsTheClaimsAndLeavesOutMarkersOfWorkUnderWay() {
        ResumeState state = ResumeState.forAccount(ACCOUNT, Instant.EPOCH);
        state.step("roles").getCreated().put("AdminRole", "arn:aws:iam::" + ACCOUNT + ":role/A");
        state.step("roles").getCreated().put("unfinishedRole", "DataEngineerRole");
        state.step("budget").getCreated().put("budgetName", "Monthly");
        state.getAnswers().put("budget.amount", "250");
        state.getAnswers().put("budget.thresholds", "50,80, 100");
        state.getAnswers().put("user.name", "jane");

        Recorded recorded = Recorded.of(state);

        assertThat(recorded.roles()).containsOnlyKeys("AdminRole");
        assertThat(recorded.budget()).isPresent();
        assertThat(recorded.budget().get().amount()).contains("250");
        assertThat(recorded.budget().get().currency()).isEqualTo("USD");
        assertThat(recorded.budget().get().thresholds()).containsExactly("50", "80", "100");
        assertThat(recorded.userArn()).isEmpty();
        assertThat(recorded.accessKeyId()).isEmpty();
        assertThat(recorded.claimsInAws()).isTrue();
        assertThat(Recorded.of(ResumeState.forAccount(ACCOUNT, Instant.EPOCH)).claimsInAws())
                .isFalse();
    }

    @Test
    void withoutAwsChecksTheProfilesAndMarksTheRestNotChecked() throws Exception {
        Path config = directory.resolve("config");
        Files.writeString(config, "[default]\nregion = eu-west-2\n[profile admin]\nregion = x\n");
        ResumeState state = ResumeState.forAccount(ACCOUNT, Instant.EPOCH);
        state.step("root-mfa").setStatus(StepStatus.DONE);
        state.step("roles").getCreated().put("AdminRole", "arn:aws:iam::" + ACCOUNT + ":role/A");
        state.step("cli-config").getCreated().put("configFile", config.toString());
        state.step("cli-config").getCreated().put("profiles", "default,data-engineer,admin");

        LiveCheck.Report report = LiveCheck.withoutAws(Recorded.of(state), "no credentials");

        assertThat(report.skipped()).contains("no credentials");
        assertThat(report.checks())
                .extracting(ClaimCheck::claim, ClaimCheck::result)
                .containsExactly(
                        tuple("root user MFA", Result.NOT_CHECKED),
                        tuple("role AdminRole", Result.NOT_CHECKED),
                        tuple("profile default", Result.CONFIRMED),
                        tuple("profile data-engineer", Result.MISSING),
                        tuple("profile admin", Result.CONFIRMED));
        assertThat(report.ofStep("cli-config"))
                .as("the worst result wins")
                .contains(Result.MISSING);
        assertThat(report.ofStep("roles")).contains(Result.NOT_CHECKED);
        assertThat(report.ofStep("verify")).as("a step that claims nothing").isEmpty();
        assertThat(report.counts())
                .containsEntry(Result.CONFIRMED, 2L)
                .containsEntry(Result.MISSING, 1L)
                .containsEntry(Result.NOT_CHECKED, 2L);
    }
}
