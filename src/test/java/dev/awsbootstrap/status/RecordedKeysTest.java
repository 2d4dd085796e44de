package dev.awsbootstrap.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.steps.account.AccountAliasStep;
import dev.awsbootstrap.steps.account.RootMfaStep;
import dev.awsbootstrap.steps.budget.BudgetStep;
import dev.awsbootstrap.steps.cliconfig.CliConfigStep;
import dev.awsbootstrap.steps.roles.RolesStep;
import dev.awsbootstrap.steps.user.AccessKeyStep;
import dev.awsbootstrap.steps.user.AssumeRolesPolicyStep;
import dev.awsbootstrap.steps.user.MfaDeviceStep;
import dev.awsbootstrap.steps.user.UserStep;
import dev.awsbootstrap.steps.verify.RootAccessKeyStep;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link Recorded} may not import the steps (status sits below them), so it spells their keys
 * itself: this test fails when a step is renamed and status would quietly stop finding its record.
 */
class RecordedKeysTest {
    @Test
    void theStepKeysAreTheStepsOwn() {
        assertThat(Recorded.ROOT_MFA_STEP).isEqualTo(RootMfaStep.KEY);
        assertThat(Recorded.ALIAS_STEP).isEqualTo(AccountAliasStep.KEY);
        assertThat(Recorded.ROLES_STEP).isEqualTo(RolesStep.KEY);
        assertThat(Recorded.USER_STEP).isEqualTo(UserStep.KEY);
        assertThat(Recorded.MFA_STEP).isEqualTo(MfaDeviceStep.KEY);
        assertThat(Recorded.POLICY_STEP).isEqualTo(AssumeRolesPolicyStep.KEY);
        assertThat(Recorded.KEY_STEP).isEqualTo(AccessKeyStep.KEY);
        assertThat(Recorded.BUDGET_STEP).isEqualTo(BudgetStep.KEY);
        assertThat(Recorded.PROFILES_STEP).isEqualTo(CliConfigStep.KEY);
        assertThat(Recorded.ROOT_KEY_STEP).isEqualTo(RootAccessKeyStep.KEY);
        assertThat(Recorded.DELETED_ROOT_KEY).isEqualTo(RootAccessKeyStep.DELETED_KEY);
    }

    @Test
    void onlyARunThatDeletedRootsKeyClaimsRootHasNone() {
        ResumeState state = ResumeState.forAccount("123456789012", Instant.EPOCH);
        state.step(RootAccessKeyStep.KEY).setStatus(StepStatus.DONE);
        assertThat(Recorded.of(state).noRootAccessKey())
                .as("done because the run did not sign in with a root key")
                .isFalse();

        state.step(RootAccessKeyStep.KEY)
                .getCreated()
                .put(Recorded.DELETED_ROOT_KEY, "AKIAROOTKEYEXAMPLE00");
        assertThat(Recorded.of(state).noRootAccessKey()).isTrue();
    }
}
