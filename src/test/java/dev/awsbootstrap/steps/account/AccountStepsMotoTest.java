package dev.awsbootstrap.steps.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsChanges;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.testing.MotoClients;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.TestAnswers;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.wizard.ResumeSession;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Steps 0 to 3 against the moto emulator, through the wizard's own clients and engine. */
@ExtendWith(MotoExtension.class)
class AccountStepsMotoTest {
    private static final Answers ANSWERS =
            TestAnswers.answers()
                    .homeRegion("eu-west-2")
                    .rootMfa("accept-risk")
                    .accountAlias("acme-data")
                    .billingAccess("later")
                    .build();

    @TempDir Path home;

    private final List<String> plan = new ArrayList<>();

    @Test
    void setsUpTheAccountStepsFromScratch(MotoServer moto) {
        RunReport report = run(moto.endpoint(), false, TestConsole.nonInteractive());

        assertThat(moto.iam().listAccountAliases().accountAliases()).containsExactly("acme-data");
        assertThat(report.changes()).containsExactly("iam:CreateAccountAlias");
        assertThat(report.account().id()).isEqualTo("123456789012");
        ResumeState state = savedState();
        assertThat(state.statusOf(CallerStep.KEY)).isEqualTo(StepStatus.DONE);
        assertThat(state.statusOf(RootMfaStep.KEY)).isEqualTo(StepStatus.RISK_ACCEPTED);
        assertThat(state.statusOf(AccountAliasStep.KEY)).isEqualTo(StepStatus.DONE);
        assertThat(state.statusOf(BillingAccessStep.KEY)).isEqualTo(StepStatus.LATER);
        assertThat(state.answer("homeRegion")).contains("eu-west-2");
        assertThat(state.step(AccountAliasStep.KEY).getCreated())
                .containsEntry("accountAlias", "acme-data");
    }

    @Test
    void makesNoChangeOnASecondRun(MotoServer moto) {
        run(moto.endpoint(), false, TestConsole.nonInteractive());
        TestConsole console = TestConsole.nonInteractive();

        RunReport second = run(moto.endpoint(), false, console);

        assertThat(second.changes()).isEmpty();
        assertThat(console.err()).contains("The account alias is acme-data");
    }

    @Test
    void plansTheAliasInADryRunAndChangesNothing(MotoServer moto) {
        RunReport report = run(moto.endpoint(), true, TestConsole.nonInteractive());

        assertThat(plan).containsExactly("aws iam create-account-alias --account-alias acme-data");
        assertThat(report.changes()).containsExactly("iam:CreateAccountAlias");
        assertThat(moto.iam().listAccountAliases().accountAliases()).isEmpty();
        assertThat(home.resolve(".aws-bootstrap")).doesNotExist();
    }

    @Test
    void namesTheOperationThatCouldNotReachAws() {
        assertThatThrownBy(
                        () ->
                                run(
                                        URI.create("http://127.0.0.1:9"),
                                        false,
                                        TestConsole.nonInteractive()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                            assertThat(e.getMessage())
                                    .startsWith("Could not reach AWS for sts:GetCallerIdentity")
                                    .doesNotContain("\n");
                        });
    }

    private RunReport run(URI endpoint, boolean dryRun, TestConsole console) {
        List<Step<?>> steps =
                List.of(
                        new CallerStep(ANSWERS),
                        new RootMfaStep(ANSWERS),
                        new AccountAliasStep(ANSWERS),
                        new BillingAccessStep(ANSWERS));
        try (AwsClients clients = MotoClients.at(endpoint, dryRun);
                ResumeSession session =
                        new ResumeSession(Optional.empty(), home, dryRun, Clock.systemUTC())) {
            StepContext context =
                    new StepContext(
                            console.console(),
                            clients,
                            new AwsChanges(clients, dryRun, plan::add),
                            session,
                            false);
            return new Wizard(steps).run(context);
        }
    }

    private ResumeState savedState() {
        Path file = StateStore.defaultFile(home, "123456789012");
        assertThat(Files.exists(file)).isTrue();
        return new StateStore(file).load().orElseThrow();
    }
}
