package dev.awsbootstrap.steps.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.steps.cliconfig.CliConfigStep;
import dev.awsbootstrap.testing.MotoClients;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.TestAnswers;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.ResumeSession;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/** Step 11 against moto: the profiles of a set-up account are assumed as the AWS CLI would. */
@ExtendWith(MotoExtension.class)
class VerifyStepMotoTest {
    private static final String ACCOUNT = TestContexts.ACCOUNT_ID;
    private static final String USER = "jane.bloggs";
    private static final String SERIAL = "arn:aws:iam::" + ACCOUNT + ":mfa/jbloggs-phone";

    @TempDir Path home;

    private MotoServer moto;
    private AccessKey key;

    @BeforeEach
    void setUpTheAccount(MotoServer moto) {
        this.moto = moto;
        IamClient iam = moto.iam();
        String trust =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + ACCOUNT
                        + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
        for (String role : CliConfigStep.ROLE_PROFILES.values()) {
            iam.createRole(q -> q.roleName(role).assumeRolePolicyDocument(trust));
        }
        iam.createUser(q -> q.userName(USER));
        key = iam.createAccessKey(q -> q.userName(USER)).accessKey();
    }

    @Test
    void assumesEachRoleThroughItsProfileAndShowsWhoIsWho() throws IOException {
        writeFiles(true);
        TestConsole console = TestConsole.nonInteractive();

        RunReport report = run(answers(List.of("123456", "654321")), console);

        assertThat(report.changes()).isEmpty();
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.DONE);
        assertThat(console.err())
                .containsPattern(
                        "default\\s+\\(your user\\)\\s+arn:aws:iam::"
                                + ACCOUNT
                                + ":user/jane.bloggs")
                .containsPattern(
                        "data-engineer\\s+DataEngineerRole\\s+arn:aws:sts::"
                                + ACCOUNT
                                + ":assumed-role/DataEngineerRole/aws-bootstrap-verify")
                .containsPattern(
                        "infrastructure-admin\\s+InfrastructureAdminRole\\s+arn:aws:sts::"
                                + ACCOUNT
                                + ":assumed-role/InfrastructureAdminRole/")
                .containsPattern(
                        "admin\\s+AdminRole\\s+arn:aws:sts::"
                                + ACCOUNT
                                + ":assumed-role/AdminRole/");
        ResumeState state = savedState();
        assertThat(state.statusOf(VerifyStep.KEY)).isEqualTo(StepStatus.DONE);
        assertThat(state.step(VerifyStep.KEY).getCreated())
                .containsEntry(VerifyStep.VERIFIED_KEY, key.accessKeyId())
                .containsKey(VerifyStep.VERIFIED_CONFIG);
        assertThat(Files.readString(resumeFile())).doesNotContain(key.secretAccessKey());
    }

    @Test
    void asksForAnMfaCodePerRoleAtATerminal() throws IOException {
        writeFiles(true);
        TestConsole console = TestConsole.typing("12345", "111111", "222222", "333333");

        RunReport report = run(answers(null), console);

        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.DONE);
        assertThat(console.err())
                .contains("an MFA code is exactly 6 digits")
                .contains("assumed-role/AdminRole");
    }

    @Test
    void leavesTheCheckForLaterWhenAnMfaCodeIsNeededAndNobodyCanTypeIt() throws IOException {
        writeFiles(true);
        TestConsole console = TestConsole.nonInteractive();

        RunReport report = run(answers(null), console);

        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.LATER);
        assertThat(report.steps().get(0).note())
                .contains("aws sts get-caller-identity --profile data-engineer");
        assertThat(console.err()).contains("nobody can type one here");
    }

    @Test
    void leavesOutAProfileTheOperatorKeptForAnotherRole() throws IOException {
        writeFiles(false);
        String config = Files.readString(configFile());
        Files.writeString(
                configFile(),
                config.replace(":role/AdminRole", ":role/OrganizationAccountAccessRole"));
        TestConsole console = TestConsole.nonInteractive();

        RunReport report = run(answers(null), console);

        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.DONE);
        assertThat(console.err())
                .containsPattern(
                        "admin\\s+AdminRole\\s+not checked: kept, it assumes arn:aws:iam::"
                                + ACCOUNT
                                + ":role/OrganizationAccountAccessRole")
                .contains("assumed-role/DataEngineerRole")
                .doesNotContain("assumed-role/OrganizationAccountAccessRole");
    }

    @Test
    void verifiesProfilesWithoutMfaWithoutAnyCode() throws IOException {
        writeFiles(false);

        RunReport report = run(answers(null), TestConsole.nonInteractive());

        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.DONE);
    }

    @Test
    void saysSoWhenTheDefaultProfileHasNoAccessKey() throws IOException {
        writeFiles(false);
        Files.delete(credentialsFile());

        RunReport report = run(answers(null), TestConsole.nonInteractive());

        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.LATER);
        assertThat(report.steps().get(0).note())
                .startsWith("No access key in the [default] profile: put the key of jane.bloggs");
    }

    @Test
    void leavesTheCheckForLaterWhileDefaultHoldsSomeoneElsesKey(MotoServer moto)
            throws IOException {
        writeFiles(false);
        moto.iam().createUser(q -> q.userName("someone.else"));
        AccessKey other = moto.iam().createAccessKey(q -> q.userName("someone.else")).accessKey();
        Files.writeString(
                credentialsFile(),
                "[default]\naws_access_key_id = "
                        + other.accessKeyId()
                        + "\naws_secret_access_key = "
                        + other.secretAccessKey()
                        + "\n");

        RunReport report = run(answers(null), TestConsole.nonInteractive());

        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.LATER);
        assertThat(report.steps().get(0).note())
                .contains("signs in as arn:aws:iam::" + ACCOUNT + ":user/someone.else")
                .contains("put the access key of jane.bloggs there")
                .doesNotContain(other.secretAccessKey());
    }

    @Test
    void doesNotVerifyAgainWhenNothingChanged() throws IOException {
        writeFiles(false);
        run(answers(null), TestConsole.nonInteractive());
        TestConsole console = TestConsole.nonInteractive();

        run(answers(null), console);

        assertThat(console.err())
                .contains("verified with the access key " + key.accessKeyId())
                .doesNotContain("assumed-role");
    }

    @Test
    void verifiesAgainOnceTheConfigFileChanged() throws IOException {
        writeFiles(false);
        run(answers(null), TestConsole.nonInteractive());
        Files.writeString(configFile(), Files.readString(configFile()) + "\n# edited\n");
        TestConsole console = TestConsole.nonInteractive();

        run(answers(null), console);

        assertThat(console.err()).contains("assumed-role/AdminRole");
    }

    private void writeFiles(boolean mfa) throws IOException {
        StringBuilder config = new StringBuilder("[default]\nregion = eu-west-2\noutput = json\n");
        for (Map.Entry<String, String> profile : CliConfigStep.ROLE_PROFILES.entrySet()) {
            config.append("\n[profile ").append(profile.getKey()).append("]\n");
            config.append("role_arn = arn:aws:iam::")
                    .append(ACCOUNT)
                    .append(":role/")
                    .append(profile.getValue())
                    .append("\n");
            config.append("source_profile = default\n");
            if (mfa) {
                config.append("mfa_serial = ").append(SERIAL).append("\n");
            }
            config.append("region = eu-west-2\noutput = json\n");
        }
        Files.createDirectories(configFile().getParent());
        Files.writeString(configFile(), config);
        Files.writeString(
                credentialsFile(),
                "[default]\naws_access_key_id = "
                        + key.accessKeyId()
                        + "\naws_secret_access_key = "
                        + key.secretAccessKey()
                        + "\n");
    }

    private static Answers answers(List<String> codes) {
        return TestAnswers.answers()
                .user(new Answers.User(USER, null, null, null, "jbloggs-phone", codes))
                .build();
    }

    private Path configFile() {
        return home.resolve("aws").resolve("config");
    }

    private Path credentialsFile() {
        return home.resolve("aws").resolve("credentials");
    }

    private Path resumeFile() {
        return StateStore.defaultFile(home, ACCOUNT);
    }

    private ResumeState savedState() {
        return new StateStore(resumeFile()).load().orElseThrow();
    }

    private RunReport run(Answers answers, TestConsole console) {
        Map<String, String> environment =
                Map.of(
                        "AWS_CONFIG_FILE", configFile().toString(),
                        "AWS_SHARED_CREDENTIALS_FILE", credentialsFile().toString());
        try (AwsClients clients = MotoClients.at(moto.endpoint(), false)) {
            StepContext context = TestContexts.realRun(console, clients, home);
            try (ResumeSession session = context.session()) {
                return new Wizard(List.of(new VerifyStep(answers, home, environment::get)))
                        .run(context);
            }
        }
    }
}
