package dev.awsbootstrap.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.aws.AwsCall;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;

class WizardTest {
    @TempDir Path home;

    private final AwsClients clients = mock(AwsClients.class);
    private final IamClient iam = mock(IamClient.class);

    @Test
    void runsEachStepInOrderAndRecordsItsOutcome() {
        when(clients.iam()).thenReturn(iam);
        when(iam.createUser(any(CreateUserRequest.class)))
                .thenReturn(CreateUserResponse.builder().build());
        TestConsole console = TestConsole.nonInteractive();
        StepContext context = TestContexts.realRun(console, clients, home);

        RunReport report = new Wizard(List.of(new UserStep(), new ConsoleOnlyStep())).run(context);

        assertThat(report.changes()).containsExactly("iam:CreateUser");
        assertThat(report.steps())
                .extracting(RunReport.StepOutcome::status)
                .containsExactly(StepStatus.DONE, StepStatus.LATER);
        assertThat(report.openItems())
                .extracting(RunReport.StepOutcome::note)
                .containsExactly("do it in the console");
        assertThat(console.err())
                .contains(
                        "[1/2] Test user",
                        "→ Create the user jane",
                        "✓ Done.",
                        "[2/2] Console step");
        var saved =
                new StateStore(StateStore.defaultFile(home, TestContexts.ACCOUNT_ID))
                        .load()
                        .orElseThrow();
        assertThat(saved.statusOf("test-user")).isEqualTo(StepStatus.DONE);
        assertThat(saved.step("test-user").getCreated()).containsEntry("userName", "jane");
        assertThat(saved.statusOf("console-step")).isEqualTo(StepStatus.LATER);
    }

    @Test
    void aStepThatStopsForTheOperatorIsRecordedAsWaitingWithWhatToDo() {
        TestConsole console = TestConsole.nonInteractive();
        StepContext context = TestContexts.realRun(console, clients, home);
        Step<Void> waits =
                new ConsoleOnlyStep() {
                    @Override
                    public Plan plan(Void nothing, StepContext context) {
                        throw new BootstrapException(
                                ExitCode.WAITING_FOR_OPERATOR, "Turn it on in the console.");
                    }
                };

        assertThatThrownBy(() -> new Wizard(List.of(waits)).run(context))
                .isInstanceOf(BootstrapException.class);
        context.session().close();

        var saved =
                new StateStore(StateStore.defaultFile(home, TestContexts.ACCOUNT_ID))
                        .load()
                        .orElseThrow();
        assertThat(saved.statusOf("console-step")).isEqualTo(StepStatus.TO_DO);
        assertThat(saved.step("console-step").getWaitingFor())
                .isEqualTo("Turn it on in the console.");

        new Wizard(List.of(new ConsoleOnlyStep()))
                .run(TestContexts.realRun(TestConsole.nonInteractive(), clients, home));
        var resumed =
                new StateStore(StateStore.defaultFile(home, TestContexts.ACCOUNT_ID))
                        .load()
                        .orElseThrow();
        assertThat(resumed.step("console-step").getWaitingFor())
                .as("taken up again by the next run")
                .isNull();
        assertThat(resumed.statusOf("console-step")).isEqualTo(StepStatus.LATER);
    }

    @Test
    void aDryRunPrintsThePlanAndLeavesStepsWithChangesToDo() {
        List<String> plan = new ArrayList<>();
        TestConsole console = TestConsole.nonInteractive();
        StepContext context = TestContexts.dryRun(console, clients, home, plan);

        RunReport report = new Wizard(List.of(new UserStep())).run(context);

        assertThat(plan).containsExactly("aws iam create-user --user-name jane");
        assertThat(report.plan()).isEqualTo(plan);
        assertThat(report.steps())
                .extracting(RunReport.StepOutcome::status)
                .containsExactly(StepStatus.TO_DO);
        assertThat(console.err()).contains("Would: Create the user jane");
        assertThat(home.resolve(".aws-bootstrap")).doesNotExist();
    }

    /** A step that always plans one change. */
    private static final class UserStep implements Step<String> {
        @Override
        public String key() {
            return "test-user";
        }

        @Override
        public String title() {
            return "Test user";
        }

        @Override
        public String inspect(StepContext context) {
            return "jane";
        }

        @Override
        public Plan plan(String name, StepContext context) {
            return new Plan()
                    .change(
                            "Create the user " + name,
                            c -> {
                                c.changes()
                                        .apply(
                                                AwsCall.iam(
                                                        CreateUserRequest.builder()
                                                                .userName(name)
                                                                .build(),
                                                        IamClient::createUser));
                                if (!c.dryRun()) {
                                    c.remember("userName", name);
                                }
                            });
        }
    }

    /** A console-only step left for later. */
    private static class ConsoleOnlyStep implements Step<Void> {
        @Override
        public String key() {
            return "console-step";
        }

        @Override
        public String title() {
            return "Console step";
        }

        @Override
        public Void inspect(StepContext context) {
            return null;
        }

        @Override
        public Plan plan(Void nothing, StepContext context) {
            return new Plan().outcome(StepStatus.LATER, "do it in the console");
        }
    }
}
