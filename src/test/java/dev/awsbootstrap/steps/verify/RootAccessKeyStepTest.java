package dev.awsbootstrap.steps.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.awsbootstrap.aws.AwsChanges;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.Account;
import dev.awsbootstrap.wizard.ResumeSession;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;

/** The offer to delete the root user's access key, with Mockito: moto never signs in as root. */
class RootAccessKeyStepTest {
    private static final String ROOT_KEY = "AKIAIOSFODNN7EXAMPLE";

    @TempDir Path home;

    private final AwsClients clients = mock(AwsClients.class);
    private final IamClient iam = mock(IamClient.class);

    @BeforeEach
    void signInAsRoot() {
        when(clients.iam()).thenReturn(iam);
        when(clients.findCredentials())
                .thenReturn(
                        Optional.of(
                                AwsBasicCredentials.create(
                                        ROOT_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));
    }

    @Test
    void deletesTheRootKeyOnceVerifiedAndConfirmed() {
        TestConsole console = TestConsole.typing("y");

        RunReport report = run(console, true);

        verify(iam).deleteAccessKey(DeleteAccessKeyRequest.builder().accessKeyId(ROOT_KEY).build());
        assertThat(report.changes()).containsExactly("iam:DeleteAccessKey");
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.DONE);
        assertThat(console.err()).contains("Remove the deleted key from wherever else you kept it");
    }

    @Test
    void keepsTheKeyAsAnAcceptedRiskWhenTheOperatorSaysNo() {
        RunReport report = run(TestConsole.typing("n"), true);

        verify(iam, never()).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.RISK_ACCEPTED);
        assertThat(report.steps().get(0).note()).contains(ROOT_KEY).contains("delete it");
    }

    @Test
    void neverDeletesWithoutSomeoneToConfirm() {
        RunReport report = run(TestConsole.nonInteractive(), true);

        verify(iam, never()).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.LATER);
    }

    @Test
    void keepsTheKeyWhileTheProfilesAreNotVerified() {
        RunReport report = run(TestConsole.typing("y"), false);

        verify(iam, never()).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.LATER);
    }

    @Test
    void offersNothingForSessionCredentials() {
        when(clients.findCredentials())
                .thenReturn(
                        Optional.of(
                                AwsSessionCredentials.create(
                                        "ASIAIOSFODNN7EXAMPLE",
                                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                        "FwoGZXIvYXdzEXAMPLE")));

        RunReport report = run(TestConsole.typing("y"), true);

        verify(iam, never()).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.DONE);
    }

    @Test
    void offersNothingToAnIamUser() {
        ResumeSession session = new ResumeSession(Optional.empty(), home, false, Clock.systemUTC());
        StepContext context =
                new StepContext(
                        TestConsole.typing("y").console(),
                        clients,
                        new AwsChanges(clients, false, c -> {}),
                        session,
                        false);
        context.bindAccount(
                new Account(
                        TestContexts.ACCOUNT_ID,
                        "arn:aws:iam::" + TestContexts.ACCOUNT_ID + ":user/admin"));

        new Wizard(List.of(step())).run(context);

        verify(iam, never()).deleteAccessKey(any(DeleteAccessKeyRequest.class));
    }

    @Test
    void showsTheOfferInADryRunWithoutAsking() {
        List<String> plan = new ArrayList<>();

        RunReport report =
                new Wizard(List.of(step()))
                        .run(
                                TestContexts.dryRun(
                                        TestConsole.nonInteractive(), clients, home, plan));

        assertThat(plan).containsExactly("aws iam delete-access-key --access-key-id " + ROOT_KEY);
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.TO_DO);
        verify(iam, never()).deleteAccessKey(any(DeleteAccessKeyRequest.class));
    }

    @Test
    void removesTheProfilesThatHeldTheDeletedKey() throws IOException {
        Path credentials = home.resolve(".aws").resolve("credentials");
        Files.createDirectories(credentials.getParent());
        Files.writeString(
                credentials,
                "[default]\naws_access_key_id = AKIAEXAMPLENEWUSER00\n"
                        + "aws_secret_access_key = userSecretEXAMPLE\n"
                        + "\n[previous-default]\naws_access_key_id = "
                        + ROOT_KEY
                        + "\naws_secret_access_key = rootSecretEXAMPLE\n");
        TestConsole console = TestConsole.typing("y");

        run(console, true);

        assertThat(credentials)
                .hasContent(
                        "[default]\naws_access_key_id = AKIAEXAMPLENEWUSER00\n"
                                + "aws_secret_access_key = userSecretEXAMPLE\n");
        assertThat(console.err()).contains("Removed the profile [previous-default]");
    }

    private RootAccessKeyStep step() {
        return new RootAccessKeyStep(home, Map.<String, String>of()::get);
    }

    private RunReport run(TestConsole console, boolean verified) {
        StepContext context = TestContexts.realRun(console, clients, home);
        if (verified) {
            context.session().recordStatus(VerifyStep.KEY, StepStatus.DONE, null, true);
        }
        return new Wizard(List.of(step())).run(context);
    }
}
