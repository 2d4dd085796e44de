package dev.awsbootstrap.steps.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.testing.MotoClients;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.TestAnswers;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.ResumeSession;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.Tag;

/** Steps 5 to 8, the operator's user, against the moto emulator. */
@ExtendWith(MotoExtension.class)
class UserStepsMotoTest {
    private static final String PASSWORD = "Correct-Horse-9-Battery";
    private static final String USER = "jane.bloggs";

    @TempDir Path home;

    private final List<String> plan = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();

    static Answers answers(String store) {
        return TestAnswers.answers()
                .homeRegion("eu-west-2")
                .user(
                        new Answers.User(
                                USER,
                                "BOOTSTRAP_PASSWORD",
                                null,
                                false,
                                "jbloggs-phone",
                                List.of("123456", "654321")))
                .accessKey(new Answers.AccessKey(true, store))
                .build();
    }

    @Test
    void setsUpTheUserFromScratch(MotoServer moto) throws IOException {
        RunReport report = run(moto, answers("credentials-file"), TestConsole.nonInteractive());

        assertThat(report.changes())
                .containsExactly(
                        "iam:CreateUser",
                        "iam:CreateLoginProfile",
                        "iam:CreateVirtualMFADevice",
                        "iam:EnableMFADevice",
                        "iam:PutUserPolicy",
                        "iam:CreateAccessKey");
        IamClient iam = moto.iam();
        assertThat(iam.getUser(q -> q.userName(USER)).user().tags())
                .contains(Tag.builder().key("managed-by").value("aws-bootstrap").build());
        assertThat(
                        iam.getLoginProfile(q -> q.userName(USER))
                                .loginProfile()
                                .passwordResetRequired())
                .isFalse();
        assertThat(iam.listMFADevices(q -> q.userName(USER)).mfaDevices())
                .singleElement()
                .satisfies(
                        d ->
                                assertThat(d.serialNumber())
                                        .isEqualTo("arn:aws:iam::123456789012:mfa/jbloggs-phone"));
        String policy =
                URLDecoder.decode(
                        iam.getUserPolicy(q -> q.userName(USER).policyName("AssumeRolesPolicy"))
                                .policyDocument(),
                        StandardCharsets.UTF_8);
        assertThat(new ObjectMapper().readTree(policy).at("/Statement/0/Resource").toString())
                .isEqualTo(
                        "[\"arn:aws:iam::123456789012:role/AdminRole\","
                                + "\"arn:aws:iam::123456789012:role/DataEngineerRole\","
                                + "\"arn:aws:iam::123456789012:role/InfrastructureAdminRole\"]");
        List<AccessKeyMetadata> keys =
                iam.listAccessKeys(q -> q.userName(USER)).accessKeyMetadata();
        assertThat(keys).hasSize(1);
        Path credentials = credentialsFile();
        String written = Files.readString(credentials);
        assertThat(written)
                .contains("[default]")
                .contains("aws_access_key_id = " + keys.get(0).accessKeyId())
                .containsPattern("aws_secret_access_key = \\S{20,}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                .isEqualTo("rw-------");
        ResumeState state = savedState();
        assertThat(state.statusOf(AccessKeyStep.KEY)).isEqualTo(StepStatus.DONE);
        assertThat(state.step(AccessKeyStep.KEY).getCreated())
                .containsOnlyKeys("accessKeyId")
                .containsEntry("accessKeyId", keys.get(0).accessKeyId());
        assertThat(state.step(MfaDeviceStep.KEY).getCreated())
                .containsEntry("mfaSerial", "arn:aws:iam::123456789012:mfa/jbloggs-phone");
        String resumeFile = Files.readString(resumeFile());
        String secret = written.replaceAll("(?s).*aws_secret_access_key = (\\S+).*", "$1");
        assertThat(resumeFile).doesNotContain(PASSWORD).doesNotContain(secret);
    }

    @Test
    void makesNoChangeOnASecondRun(MotoServer moto) {
        run(moto, answers("credentials-file"), TestConsole.nonInteractive());
        TestConsole console = TestConsole.nonInteractive();

        RunReport second = run(moto, answers("credentials-file"), console);

        assertThat(second.changes()).isEmpty();
        assertThat(console.err())
                .contains("jane.bloggs has a console password already")
                .contains("has MFA: arn:aws:iam::123456789012:mfa/jbloggs-phone")
                .contains("AssumeRolesPolicy as it should be")
                .contains("has the access key AKIA");
    }

    @Test
    void plansEveryCallInADryRunWithoutSecrets(MotoServer moto) {
        TestConsole console = TestConsole.nonInteractive();

        RunReport report = run(moto, answers("credentials-file"), console, true);

        assertThat(plan)
                .contains(
                        "aws iam create-login-profile --user-name jane.bloggs --password '****'"
                                + " --no-password-reset-required",
                        "aws iam enable-mfa-device --user-name jane.bloggs --serial-number"
                                + " arn:aws:iam::123456789012:mfa/jbloggs-phone"
                                + " --authentication-code1 '****' --authentication-code2 '****'",
                        "aws iam create-access-key --user-name jane.bloggs");
        assertThat(report.changes()).hasSize(6);
        assertThat(String.join("\n", plan) + console.err() + console.out())
                .doesNotContain(PASSWORD);
        assertThat(moto.iam().listUsers().users()).isEmpty();
        assertThat(credentialsFile()).doesNotExist();
    }

    @Test
    void replacesAnMfaDeviceThatAnInterruptedRunLeftUnassigned(MotoServer moto) {
        moto.iam().createUser(q -> q.userName(USER));
        // As a run killed right after CreateVirtualMFADevice leaves it: the marker, no user.
        ResumeState state = ResumeState.forAccount(TestContexts.ACCOUNT_ID, Instant.now());
        state.step(MfaDeviceStep.KEY)
                .getCreated()
                .put(MfaDeviceStep.CREATING, "arn:aws:iam::123456789012:mfa/jbloggs-phone");
        new StateStore(resumeFile()).save(state);
        moto.iam().createVirtualMFADevice(q -> q.virtualMFADeviceName("jbloggs-phone"));

        RunReport report = run(moto, answers("credentials-file"), TestConsole.nonInteractive());

        assertThat(report.changes())
                .containsSubsequence(
                        "iam:DeleteVirtualMFADevice",
                        "iam:CreateVirtualMFADevice",
                        "iam:EnableMFADevice");
        assertThat(moto.iam().listVirtualMFADevices().virtualMFADevices())
                .singleElement()
                .satisfies(d -> assertThat(d.user().userName()).isEqualTo(USER));
    }

    @Test
    void neverDeletesAnUnassignedMfaDeviceThatAwsBootstrapDidNotMake(MotoServer moto) {
        moto.iam().createVirtualMFADevice(q -> q.virtualMFADeviceName("jbloggs-phone"));

        assertThatThrownBy(
                        () -> run(moto, answers("credentials-file"), TestConsole.nonInteractive()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .contains("aws-bootstrap did not make it")
                                    .contains("user.mfaDeviceName");
                        });
        assertThat(moto.iam().listVirtualMFADevices().virtualMFADevices()).hasSize(1);
    }

    @Test
    void refusesAnMfaDeviceNameThatAnotherUserHas(MotoServer moto) {
        IamClient iam = moto.iam();
        iam.createUser(q -> q.userName("someone.else"));
        iam.createVirtualMFADevice(q -> q.virtualMFADeviceName("jbloggs-phone"));
        iam.enableMFADevice(
                q ->
                        q.userName("someone.else")
                                .serialNumber("arn:aws:iam::123456789012:mfa/jbloggs-phone")
                                .authenticationCode1("123456")
                                .authenticationCode2("654321"));

        assertThatThrownBy(
                        () -> run(moto, answers("credentials-file"), TestConsole.nonInteractive()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .contains("jbloggs-phone")
                                    .contains("already used by the user someone.else")
                                    .doesNotContain("\n");
                        });
    }

    @Test
    void deletesAKeyWhoseSecretAnInterruptedRunCouldNotStore(MotoServer moto) {
        run(moto, answers("credentials-file"), TestConsole.nonInteractive());
        String stored = onlyKey(moto);
        // As if a run died between CreateAccessKey and writing its secret: the key exists, the
        // resume file says a key was being made, and the credentials file never got it.
        ResumeState state = savedState();
        state.step(AccessKeyStep.KEY).setStatus(StepStatus.TO_DO);
        state.step(AccessKeyStep.KEY).getCreated().clear();
        state.step(AccessKeyStep.KEY)
                .getCreated()
                .put(AccessKeyStep.KEYS_BEFORE, Instant.now().minusSeconds(30) + "|");
        new StateStore(resumeFile()).save(state);
        deleteCredentialsFile();

        RunReport report = run(moto, answers("credentials-file"), TestConsole.nonInteractive());

        assertThat(report.changes()).containsExactly("iam:DeleteAccessKey", "iam:CreateAccessKey");
        String now = onlyKey(moto);
        assertThat(now).isNotEqualTo(stored);
        assertThat(savedState().step(AccessKeyStep.KEY).getCreated())
                .containsExactlyEntriesOf(Map.of("accessKeyId", now));
    }

    @Test
    void neverTakesAKeyMadeByHandLongAfterAnInterruptedRunForItsOwn(MotoServer moto) {
        IamClient iam = moto.iam();
        iam.createUser(q -> q.userName(USER));
        // A run died around CreateAccessKey yesterday; today the operator made a key by hand.
        ResumeState state = ResumeState.forAccount(TestContexts.ACCOUNT_ID, Instant.now());
        state.step(AccessKeyStep.KEY)
                .getCreated()
                .put(AccessKeyStep.KEYS_BEFORE, Instant.now().minus(Duration.ofDays(1)) + "|");
        new StateStore(resumeFile()).save(state);
        String byHand = iam.createAccessKey(q -> q.userName(USER)).accessKey().accessKeyId();
        TestConsole console = TestConsole.nonInteractive();

        RunReport report = run(moto, answers("credentials-file"), console);

        assertThat(report.changes())
                .contains("iam:CreateAccessKey")
                .doesNotContain("iam:DeleteAccessKey");
        assertThat(console.err())
                .contains(
                        "already has the access key "
                                + byHand
                                + ", which this resume file does not record");
        assertThat(onlyKey(moto)).contains(byHand);
    }

    @Test
    void keepsAPrintedKeyWhenTheRunDiedBeforeItsStatusWasSaved(MotoServer moto) {
        run(moto, answers("print"), TestConsole.atTerminal());
        String printed = onlyKey(moto);
        // Killed after the secret was shown and the marker forgotten, before the step was DONE.
        ResumeState state = savedState();
        state.step(AccessKeyStep.KEY).setStatus(StepStatus.TO_DO);
        new StateStore(resumeFile()).save(state);

        RunReport report = run(moto, answers("print"), TestConsole.atTerminal());

        assertThat(report.changes()).isEmpty();
        assertThat(onlyKey(moto)).isEqualTo(printed);
    }

    @Test
    void movesTheKeyThatDefaultHeldIntoAProfileOfItsOwn(MotoServer moto) throws IOException {
        Files.createDirectories(credentialsFile().getParent());
        String setup =
                "# set up with aws configure\n[default]\naws_access_key_id = "
                        + MotoServer.FAKE_ACCESS_KEY_ID
                        + "\naws_secret_access_key = "
                        + MotoServer.FAKE_SECRET_ACCESS_KEY
                        + "\n";
        Files.writeString(credentialsFile(), setup);
        TestConsole console = TestConsole.nonInteractive();

        run(moto, answers("credentials-file"), console);

        String key = onlyKey(moto);
        String written = Files.readString(credentialsFile());
        assertThat(written)
                .startsWith("# set up with aws configure\n[default]\naws_access_key_id = " + key)
                .endsWith(
                        "\n[previous-default]\naws_access_key_id = "
                                + MotoServer.FAKE_ACCESS_KEY_ID
                                + "\naws_secret_access_key = "
                                + MotoServer.FAKE_SECRET_ACCESS_KEY
                                + "\n");
        assertThat(console.err())
                .contains("it is now in the profile [previous-default]")
                .doesNotContain(MotoServer.FAKE_SECRET_ACCESS_KEY);
    }

    @Test
    void keepsAKeyThatIsAlreadyInTheCredentialsFile(MotoServer moto) {
        run(moto, answers("credentials-file"), TestConsole.nonInteractive());
        Path otherHome = home.resolve("resume-file-lost");
        // A new resume file, same credentials file: the key there is recognised, not duplicated.
        RunReport report =
                run(
                        moto,
                        answers("credentials-file"),
                        TestConsole.nonInteractive(),
                        false,
                        otherHome);

        assertThat(report.changes()).isEmpty();
    }

    @Test
    void stopsWhenTheUserHasTwoAccessKeysAlready(MotoServer moto) {
        IamClient iam = moto.iam();
        iam.createUser(q -> q.userName(USER));
        iam.createAccessKey(q -> q.userName(USER));
        iam.createAccessKey(q -> q.userName(USER));

        assertThatThrownBy(
                        () -> run(moto, answers("credentials-file"), TestConsole.nonInteractive()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                            assertThat(e.getMessage())
                                    .contains("already has 2 access keys")
                                    .contains("aws iam delete-access-key")
                                    .doesNotContain("\n");
                        });
        assertThat(iam.listAccessKeys(q -> q.userName(USER)).accessKeyMetadata()).hasSize(2);
    }

    @Test
    void correctsAnAssumeRolesPolicyThatDiffers(MotoServer moto) {
        run(moto, answers("credentials-file"), TestConsole.nonInteractive());
        String narrower =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"sts:AssumeRole\","
                        + "\"Resource\":\"arn:aws:iam::123456789012:role/AdminRole\"}]}";
        moto.iam()
                .putUserPolicy(
                        q ->
                                q.userName(USER)
                                        .policyName("AssumeRolesPolicy")
                                        .policyDocument(narrower));
        TestConsole console = TestConsole.nonInteractive();

        RunReport report = run(moto, answers("credentials-file"), console);

        assertThat(report.changes()).containsExactly("iam:PutUserPolicy");
        assertThat(console.err()).contains("AssumeRolesPolicy of jane.bloggs differs");
        assertThat(
                        URLDecoder.decode(
                                moto.iam()
                                        .getUserPolicy(
                                                q ->
                                                        q.userName(USER)
                                                                .policyName("AssumeRolesPolicy"))
                                        .policyDocument(),
                                StandardCharsets.UTF_8))
                .contains("DataEngineerRole", "InfrastructureAdminRole");
    }

    @Test
    void reportsPoliciesAttachedToTheUserDirectly(MotoServer moto) {
        IamClient iam = moto.iam();
        iam.createUser(q -> q.userName(USER));
        iam.attachUserPolicy(
                q -> q.userName(USER).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        String everything =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
        iam.putUserPolicy(
                q -> q.userName(USER).policyName("Everything").policyDocument(everything));
        TestConsole console = TestConsole.nonInteractive();

        run(moto, answers("credentials-file"), console);

        assertThat(console.err())
                .contains(
                        "jane.bloggs has policies attached directly (AdministratorAccess,"
                                + " Everything (inline))")
                .contains("jane.bloggs was not made by aws-bootstrap");
        assertThat(iam.listAttachedUserPolicies(q -> q.userName(USER)).attachedPolicies())
                .hasSize(1);
    }

    @Test
    void showsAGeneratedPasswordAndAPrintedKeyOnlyAtTheTerminal(MotoServer moto)
            throws IOException {
        Answers generate =
                TestAnswers.answers()
                        .homeRegion("eu-west-2")
                        .user(
                                new Answers.User(
                                        USER,
                                        null,
                                        "generate",
                                        true,
                                        "jbloggs-phone",
                                        List.of("123456", "654321")))
                        .accessKey(new Answers.AccessKey(true, "print"))
                        .build();
        TestConsole console = TestConsole.atTerminal();

        run(moto, generate, console);

        String shown = console.err();
        assertThat(shown)
                .contains("shown only this once")
                .contains("must choose a new password at first sign-in, which needs")
                .contains("Secret access key: ")
                .contains("Or type this secret into it by hand: ")
                .as("the quiet zone, inked on the usual dark terminal")
                .containsPattern("(?m)^  █{40,}$");
        assertThat(console.out()).isEmpty();
        assertThat(credentialsFile()).doesNotExist();
        String password =
                shown.replaceAll(
                        "(?s).*store it in your password manager now\\):\\s+(\\S+).*", "$1");
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);
        assertThat(Files.readString(resumeFile())).doesNotContain(password);
        // moto ignores PasswordResetRequired on CreateLoginProfile; the next test checks it.
        assertThat(moto.iam().getLoginProfile(q -> q.userName(USER)).loginProfile()).isNotNull();
    }

    @Test
    void asksAwsForAPasswordResetWhenTheAnswersSaySo(MotoServer moto) {
        Answers reset =
                TestAnswers.answers()
                        .homeRegion("eu-west-2")
                        .user(
                                new Answers.User(
                                        USER,
                                        "BOOTSTRAP_PASSWORD",
                                        null,
                                        true,
                                        "jbloggs-phone",
                                        null))
                        .build();

        run(moto, reset, TestConsole.nonInteractive(), true);

        assertThat(plan)
                .contains(
                        "aws iam create-login-profile --user-name jane.bloggs --password '****'"
                                + " --password-reset-required");
    }

    @Test
    void drawsTheQrCodeForALightTerminalWhenColorfgbgSaysSo(MotoServer moto) {
        environment.put("COLORFGBG", "0;15");
        TestConsole console = TestConsole.atTerminal("111111", "222222");
        Answers codesTyped =
                TestAnswers.answers()
                        .homeRegion("eu-west-2")
                        .user(
                                new Answers.User(
                                        USER,
                                        "BOOTSTRAP_PASSWORD",
                                        null,
                                        false,
                                        "jbloggs-phone",
                                        null))
                        .accessKey(new Answers.AccessKey(false, null))
                        .build();

        run(moto, codesTyped, console);

        assertThat(console.err())
                .contains("Scan this code with your authenticator app")
                .as("a light terminal's quiet zone is its own background: no ink")
                .containsPattern("(?m)^ {40,}$")
                .doesNotContainPattern("(?m)^  █{40,}$");
    }

    @Test
    void refusesToGenerateAPasswordWithoutATerminal(MotoServer moto) {
        Answers generate =
                TestAnswers.answers()
                        .homeRegion("eu-west-2")
                        .user(new Answers.User(USER, null, "generate", false, "x", null))
                        .build();

        assertThatThrownBy(() -> run(moto, generate, TestConsole.nonInteractive()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e ->
                                assertThat(e.getMessage())
                                        .startsWith("user.consolePassword: generate shows"));
        assertThat(moto.iam().listUsers().users()).isEmpty();
    }

    private String onlyKey(MotoServer moto) {
        return moto.iam().listAccessKeys(q -> q.userName(USER)).accessKeyMetadata().stream()
                .map(AccessKeyMetadata::accessKeyId)
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
    }

    private void deleteCredentialsFile() {
        try {
            Files.delete(credentialsFile());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Path credentialsFile() {
        return home.resolve("aws-files").resolve("credentials");
    }

    private Path resumeFile() {
        return StateStore.defaultFile(home, TestContexts.ACCOUNT_ID);
    }

    private ResumeState savedState() {
        return new StateStore(resumeFile()).load().orElseThrow();
    }

    private RunReport run(MotoServer moto, Answers answers, TestConsole console) {
        return run(moto, answers, console, false);
    }

    private RunReport run(MotoServer moto, Answers answers, TestConsole console, boolean dryRun) {
        return run(moto, answers, console, dryRun, home);
    }

    private RunReport run(
            MotoServer moto, Answers answers, TestConsole console, boolean dryRun, Path state) {
        environment.put("BOOTSTRAP_PASSWORD", PASSWORD);
        environment.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile().toString());
        List<Step<?>> steps =
                List.of(
                        new UserStep(answers, environment::get),
                        new MfaDeviceStep(answers, environment::get),
                        new AssumeRolesPolicyStep(answers),
                        new AccessKeyStep(answers, home, environment::get));
        try (AwsClients clients = MotoClients.at(moto.endpoint(), dryRun)) {
            StepContext context =
                    dryRun
                            ? TestContexts.dryRun(console, clients, state, plan)
                            : TestContexts.realRun(console, clients, state);
            try (ResumeSession session = context.session()) {
                return new Wizard(steps).run(context);
            }
        }
    }
}
