package dev.awsbootstrap.steps.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.testing.MotoClients;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.TestAnswers;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.Wizard;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.EnableMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.InvalidAuthenticationCodeException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.PasswordPolicyViolationException;

/**
 * What moto cannot produce, made with a Mockito spy over moto's IAM: a rejected MFA code, a
 * password that AWS refuses, a password that breaks the account's policy.
 */
@ExtendWith(MotoExtension.class)
class UserStepsEdgeCasesTest {
    private static final String USER = "jane.bloggs";
    private static final String GOOD = "Correct-Horse-9-Battery";

    @TempDir Path home;

    private AwsClients real;
    private IamClient iam;
    private final AwsClients clients = mock(AwsClients.class);

    @BeforeEach
    void spyOnMoto(MotoServer moto) {
        real = MotoClients.at(moto.endpoint(), false);
        iam = spy(real.iam());
        when(clients.iam()).thenReturn(iam);
    }

    @AfterEach
    void closeClients() {
        real.close();
    }

    @Test
    void asksForNewCodesWhenAwsRejectsTheTypedOnes(MotoServer moto) {
        doThrow(InvalidAuthenticationCodeException.builder().message("bad code").build())
                .doCallRealMethod()
                .when(iam)
                .enableMFADevice(any(EnableMfaDeviceRequest.class));
        moto.iam().createUser(q -> q.userName(USER));
        TestConsole console = TestConsole.atTerminal("111111", "222222", "333333", "444444");

        UsedMfaCodes used = new UsedMfaCodes();

        RunReport report = run(new MfaDeviceStep(answers(null, null), name -> null, used), console);

        verify(iam, times(2)).enableMFADevice(any(EnableMfaDeviceRequest.class));
        assertThat(console.err()).contains("AWS rejected those codes");
        assertThat(used.reuse("333333")).as("a code that enabled the device").isPresent();
        assertThat(used.reuse("444444")).as("a code that enabled the device").isPresent();
        assertThat(used.reuse("111111")).as("a code AWS rejected").isEmpty();
        assertThat(report.changes())
                .containsExactly("iam:CreateVirtualMFADevice", "iam:EnableMFADevice");
        assertThat(moto.iam().listMFADevices(q -> q.userName(USER)).mfaDevices()).hasSize(1);
    }

    @Test
    void stopsWhenTheCodesOfTheAnswersFileAreRejected(MotoServer moto) {
        doThrow(InvalidAuthenticationCodeException.builder().message("bad code").build())
                .when(iam)
                .enableMFADevice(any(EnableMfaDeviceRequest.class));
        moto.iam().createUser(q -> q.userName(USER));

        assertThatThrownBy(
                        () ->
                                run(
                                        new MfaDeviceStep(
                                                answers(null, List.of("123456", "654321")),
                                                name -> null),
                                        TestConsole.nonInteractive()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .startsWith("AWS rejected the MFA codes in user.mfaCodes");
                        });
        // Left unassigned: the next run deletes it and makes a new one.
        assertThat(moto.iam().listVirtualMFADevices().virtualMFADevices())
                .singleElement()
                .satisfies(d -> assertThat(d.user()).isNull());
    }

    @Test
    void stopsWithTheKeyLimitWhenAwsRefusesANewKeyAndLeavesNothingToCleanUp(MotoServer moto) {
        doThrow(LimitExceededException.builder().message("Cannot exceed quota").build())
                .when(iam)
                .createAccessKey(any(CreateAccessKeyRequest.class));
        moto.iam().createUser(q -> q.userName(USER));
        Path credentials = home.resolve("aws").resolve("credentials");
        Map<String, String> environment =
                Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        Answers answers =
                TestAnswers.answers()
                        .user(new Answers.User(USER, null, null, null, null, null))
                        .accessKey(new Answers.AccessKey(true, "credentials-file"))
                        .build();

        assertThatThrownBy(
                        () ->
                                run(
                                        new AccessKeyStep(answers, home, environment::get),
                                        TestConsole.nonInteractive()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                            assertThat(e.getMessage())
                                    .startsWith("jane.bloggs already has 2 access keys")
                                    .contains("aws iam delete-access-key --user-name jane.bloggs")
                                    .doesNotContain("\n");
                        });
        assertThat(credentials).doesNotExist();
        assertThat(
                        new StateStore(StateStore.defaultFile(home, TestContexts.ACCOUNT_ID))
                                .load()
                                .orElseThrow()
                                .step(AccessKeyStep.KEY)
                                .getCreated())
                .as("no marker that would make the next run delete a key")
                .doesNotContainKey(AccessKeyStep.KEYS_BEFORE);
    }

    @Test
    void asksAgainForATypedPasswordThatBreaksTheAccountPolicy(MotoServer moto) {
        moto.iam()
                .updateAccountPasswordPolicy(q -> q.minimumPasswordLength(14).requireSymbols(true));
        TestConsole console =
                TestConsole.atTerminal("Short-1a", "LongEnoughButNoSymbol1", GOOD, GOOD);

        run(new UserStep(answers(null, null), name -> null), console);

        assertThat(console.err())
                .contains("The password needs at least 14 characters. Try again.")
                .contains("The account's password policy asks for a symbol")
                .doesNotContain("Short-1a")
                .doesNotContain(GOOD);
        assertThat(moto.iam().getLoginProfile(q -> q.userName(USER)).loginProfile()).isNotNull();
    }

    @Test
    void asksAgainWhenAwsRefusesTheTypedPassword(MotoServer moto) {
        doThrow(PasswordPolicyViolationException.builder().message("reused").build())
                .doCallRealMethod()
                .when(iam)
                .createLoginProfile(any(CreateLoginProfileRequest.class));
        TestConsole console = TestConsole.atTerminal(GOOD, GOOD, GOOD + "!", GOOD + "!");

        run(new UserStep(answers(null, null), name -> null), console);

        assertThat(console.err()).contains("AWS refused the password from the prompt");
        verify(iam, times(2)).createLoginProfile(any(CreateLoginProfileRequest.class));
    }

    @Test
    void asksAgainWhenTheTwoTypedPasswordsDiffer(MotoServer moto) {
        TestConsole console = TestConsole.atTerminal(GOOD, GOOD + "x", GOOD, GOOD);

        run(new UserStep(answers(null, null), name -> null), console);

        assertThat(console.err()).contains("The two passwords differ");
    }

    @Test
    void refusesAWeakPasswordFromTheEnvironmentBeforeMakingTheUser(MotoServer moto) {
        Map<String, String> environment = Map.of("BOOTSTRAP_PASSWORD", "weakpassword12345");

        assertThatThrownBy(
                        () ->
                                run(
                                        new UserStep(
                                                answers("BOOTSTRAP_PASSWORD", null),
                                                environment::get),
                                        TestConsole.nonInteractive()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .contains("BOOTSTRAP_PASSWORD is not accepted")
                                    .doesNotContain("weakpassword12345");
                        });
        assertThat(moto.iam().listUsers().users()).isEmpty();
    }

    @Test
    void cannotReadAPasswordWithoutATerminal(MotoServer moto) {
        assertThatThrownBy(
                        () ->
                                run(
                                        new UserStep(answers(null, null), name -> null),
                                        TestConsole.typing(GOOD, GOOD)))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e ->
                                assertThat(e.getMessage())
                                        .contains("without a terminal")
                                        .contains("user.consolePasswordEnv"));
        assertThat(moto.iam().listUsers().users()).isEmpty();
    }

    private static Answers answers(String passwordEnv, List<String> codes) {
        return TestAnswers.answers()
                .user(new Answers.User(USER, passwordEnv, null, false, "jbloggs-phone", codes))
                .build();
    }

    private RunReport run(Step<?> step, TestConsole console) {
        return new Wizard(List.of(step)).run(TestContexts.realRun(console, clients, home));
    }
}
