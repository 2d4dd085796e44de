package dev.awsbootstrap.steps.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.testing.TestAnswers;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasRequest;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListAccountAliasesResponse;

class AccountAliasStepTest {
    @TempDir Path home;

    private final AwsClients clients = mock(AwsClients.class);
    private final IamClient iam = mock(IamClient.class);

    @BeforeEach
    void givenAnIamClient() {
        when(clients.iam()).thenReturn(iam);
    }

    @Test
    void createsTheAliasOfTheAnswersFile() {
        givenAliases();
        givenCreateSucceeds();
        TestConsole console = TestConsole.nonInteractive();

        RunReport report = run(console, alias("acme-data"));

        verify(iam).createAccountAlias(request("acme-data"));
        assertThat(report.changes()).containsExactly("iam:CreateAccountAlias");
        assertThat(console.err()).contains("https://acme-data.signin.aws.amazon.com/console");
    }

    @Test
    void asksAgainWhenTheAliasIsTakenByAnotherAccount() {
        givenAliases();
        when(iam.createAccountAlias(request("acme")))
                .thenThrow(EntityAlreadyExistsException.builder().message("taken").build());
        when(iam.createAccountAlias(request("acme-data")))
                .thenReturn(CreateAccountAliasResponse.builder().build());
        TestConsole console = TestConsole.typing("acme", "acme-data");

        run(console, Answers.none());

        verify(iam).createAccountAlias(request("acme-data"));
        assertThat(console.err())
                .contains(
                        "Account alias \"acme\" is taken by another AWS account: choose another"
                                + " one.");
    }

    @Test
    void failsWithExitTwoWhenTheAnsweredAliasIsTaken() {
        givenAliases();
        when(iam.createAccountAlias(any(CreateAccountAliasRequest.class)))
                .thenThrow(EntityAlreadyExistsException.builder().message("taken").build());

        assertThatThrownBy(() -> run(TestConsole.nonInteractive(), alias("acme")))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .isEqualTo(
                                            "Account alias \"acme\" is taken by another AWS"
                                                    + " account: choose another one.");
                        });
    }

    @Test
    void refusesAnAliasThatBreaksAwsRulesAtThePromptBeforeAnyCall() {
        givenAliases();
        givenCreateSucceeds();
        TestConsole console = TestConsole.typing("Acme_Data", "acme-data");

        run(console, Answers.none());

        verify(iam).createAccountAlias(request("acme-data"));
        verify(iam, never()).createAccountAlias(request("Acme_Data"));
        assertThat(console.err()).contains("\"Acme_Data\": an account alias has only lowercase");
    }

    @Test
    void keepsAnExistingAliasWithoutAnyChange() {
        givenAliases("acme-data");

        RunReport report = run(TestConsole.nonInteractive(), Answers.none());

        verify(iam, never()).createAccountAlias(any(CreateAccountAliasRequest.class));
        assertThat(report.changes()).isEmpty();
    }

    @Test
    void keepsAnExistingAliasWhenTheOperatorSaysYes() {
        givenAliases("old-name");
        TestConsole console = TestConsole.typing("y");

        RunReport report = run(console, Answers.none());

        verify(iam, never()).createAccountAlias(any(CreateAccountAliasRequest.class));
        assertThat(report.changes()).isEmpty();
        assertThat(console.err()).contains("The account alias is old-name");
    }

    @Test
    void keepsWithoutAskingAnAliasTheOperatorChoseInAnEarlierRun() {
        givenAliases("old-name");
        TestConsole console = TestConsole.typing();
        StepContext context = TestContexts.realRun(console, clients, home);
        context.session().recordAnswer(AccountAliasStep.ANSWER, "old-name");

        RunReport report = new Wizard(List.of(new AccountAliasStep(Answers.none()))).run(context);

        verify(iam, never()).createAccountAlias(any(CreateAccountAliasRequest.class));
        assertThat(report.changes()).isEmpty();
        assertThat(console.err()).doesNotContain("Keep the alias");
    }

    @Test
    void replacesAnExistingAliasOnlyWhenTheOperatorSaysSo() {
        givenAliases("old-name");
        givenCreateSucceeds();

        run(TestConsole.typing("n", "new-name"), Answers.none());

        verify(iam).createAccountAlias(request("new-name"));
    }

    @Test
    void refusesToReplaceAnExistingAliasWithoutAskingTheOperator() {
        givenAliases("old-name");

        assertThatThrownBy(() -> run(TestConsole.nonInteractive(), alias("new-name")))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage()).contains("\"old-name\"", "\"new-name\"");
                        });
        verify(iam, never()).createAccountAlias(any(CreateAccountAliasRequest.class));
    }

    @Test
    void namesTheOperationAndThePermissionWhenAwsDeniesIt() {
        givenAliases();
        when(clients.lastOperation()).thenReturn("iam:CreateAccountAlias");
        when(iam.createAccountAlias(any(CreateAccountAliasRequest.class)))
                .thenThrow(
                        IamException.builder()
                                .awsErrorDetails(
                                        AwsErrorDetails.builder()
                                                .errorCode("AccessDenied")
                                                .errorMessage("User is not authorized")
                                                .build())
                                .build());

        assertThatThrownBy(() -> run(TestConsole.nonInteractive(), alias("acme-data")))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                            assertThat(e.getMessage())
                                    .startsWith("AWS denied iam:CreateAccountAlias")
                                    .contains(
                                            "grant the caller the iam:CreateAccountAlias"
                                                    + " permission");
                        });
    }

    private RunReport run(TestConsole console, Answers answers) {
        StepContext context = TestContexts.realRun(console, clients, home);
        return new Wizard(List.of(new AccountAliasStep(answers))).run(context);
    }

    private void givenAliases(String... aliases) {
        when(iam.listAccountAliases())
                .thenReturn(ListAccountAliasesResponse.builder().accountAliases(aliases).build());
    }

    private void givenCreateSucceeds() {
        when(iam.createAccountAlias(any(CreateAccountAliasRequest.class)))
                .thenReturn(CreateAccountAliasResponse.builder().build());
    }

    private static CreateAccountAliasRequest request(String alias) {
        return CreateAccountAliasRequest.builder().accountAlias(alias).build();
    }

    private static Answers alias(String alias) {
        return TestAnswers.answers().accountAlias(alias).build();
    }
}
