package dev.awsbootstrap.steps.cliconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsChanges;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.testing.TestAnswers;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.Account;
import dev.awsbootstrap.wizard.ResumeSession;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Step 10, the AWS CLI profiles, on real-looking config files: each fixture {@code NAME.config}
 * must become {@code NAME.expected} byte for byte. The step makes no AWS call, so the clients are a
 * mock that must never be touched.
 */
class CliConfigStepTest {
    private static final String ACCOUNT = TestContexts.ACCOUNT_ID;
    private static final String REGION = "eu-west-2";
    private static final String SERIAL = "arn:aws:iam::" + ACCOUNT + ":mfa/jane.bloggs-phone";
    private static final String OTHER_ADMIN =
            "arn:aws:iam::999999999999:role/OrganizationAccountAccessRole";
    private static final Map<String, String> ROLES =
            Map.of(
                    "data-engineer", "DataEngineerRole",
                    "infrastructure-admin", "InfrastructureAdminRole",
                    "admin", "AdminRole");

    @TempDir Path home;

    private final AwsClients clients = mock(AwsClients.class);
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> plan = new ArrayList<>();

    @AfterEach
    void noTestTouchesAws() {
        verifyNoInteractions(clients);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "comments",
                "sso-and-services",
                "crlf-no-final-newline",
                "admin-differs",
                "default-with-pager",
                "credential-source",
                "up-to-date"
            })
    void changesOnlyTheLinesOfTheFourProfiles(String fixture) throws IOException {
        givenConfig(fixture(fixture + ".config"));

        run(TestConsole.nonInteractive(), answers(true, true));

        assertThat(Files.readAllBytes(configFile()))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo(new String(fixture(fixture + ".expected"), StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(configFile())).isEqualTo(fixture(fixture + ".expected"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "comments",
                "sso-and-services",
                "crlf-no-final-newline",
                "admin-differs",
                "default-with-pager",
                "credential-source",
                "up-to-date"
            })
    void aSecondRunChangesNoByteAndWritesNoBackup(String fixture) throws IOException {
        givenConfig(fixture(fixture + ".config"));
        run(TestConsole.nonInteractive(), answers(true, true));
        byte[] first = Files.readAllBytes(configFile());
        List<Path> backups = backups();
        TestConsole console = TestConsole.nonInteractive();

        run(console, answers(true, true));

        assertThat(Files.readAllBytes(configFile())).isEqualTo(first);
        assertThat(backups()).isEqualTo(backups);
        assertThat(console.err()).contains("Nothing to change.").doesNotContain("Wrote ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "comments",
                "sso-and-services",
                "crlf-no-final-newline",
                "admin-differs",
                "default-with-pager",
                "credential-source",
                "up-to-date"
            })
    void theSdkReadsTheWrittenProfilesAsWantedAndTheOthersAsBefore(String fixture)
            throws IOException {
        givenConfig(fixture(fixture + ".config"));
        ProfileFile before = sdkRead(configFile());

        run(TestConsole.nonInteractive(), answers(true, true));

        ProfileFile after = sdkRead(configFile());
        assertWrittenProfiles(after, true);
        before.profiles().keySet().stream()
                .filter(name -> !name.equals("default") && !ROLES.containsKey(name))
                .forEach(
                        name ->
                                assertThat(after.profile(name).map(Profile::properties))
                                        .isEqualTo(before.profile(name).map(Profile::properties)));
        assertThat(after.getSection("sso-session", "corp"))
                .isEqualTo(before.getSection("sso-session", "corp"));
        assertThat(after.getSection("services", "local"))
                .isEqualTo(before.getSection("services", "local"));
    }

    @Test
    void writesANewFileWithTheFourProfilesReadableByTheOwnerOnly() throws IOException {
        run(TestConsole.nonInteractive(), answers(true, null));

        assertThat(Files.readAllBytes(configFile())).isEqualTo(fixture("new.expected"));
        assertThat(Files.getPosixFilePermissions(configFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(backups()).isEmpty();
    }

    @Test
    void keepsTheOldFileAsABackupWithItsOldBytes() throws IOException {
        byte[] old = fixture("admin-differs.config");
        givenConfig(old);
        TestConsole console = TestConsole.nonInteractive();

        run(console, answers(true, true));

        assertThat(backups()).hasSize(1);
        assertThat(Files.readAllBytes(backups().get(0))).isEqualTo(old);
        assertThat(console.err()).contains("the old file is kept as " + backups().get(0));
    }

    @Test
    void keepsThePermissionsOfAnExistingFile() throws IOException {
        givenConfig(fixture("comments.config"));
        Files.setPosixFilePermissions(configFile(), PosixFilePermissions.fromString("rw-r--r--"));

        run(TestConsole.nonInteractive(), answers(true, null));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile())))
                .isEqualTo("rw-r--r--");
        assertThat(Files.readAllBytes(configFile())).isEqualTo(fixture("comments.expected"));
    }

    @Test
    void writesTheFileThatAwsConfigFileNames() throws IOException {
        Path elsewhere = home.resolve("dotfiles").resolve("aws-config");
        environment.put("AWS_CONFIG_FILE", elsewhere.toString());
        TestConsole console = TestConsole.nonInteractive();

        run(console, answers(true, null));

        assertThat(Files.readAllBytes(elsewhere)).isEqualTo(fixture("new.expected"));
        assertThat(home.resolve(".aws").resolve("config")).doesNotExist();
        assertThat(console.err()).contains("keep AWS_CONFIG_FILE=" + elsewhere);
    }

    @ParameterizedTest(name = "line {1}: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "this is not ini\\n[default]\\nregion = eu-west-1\\n | 1",
                "[default]\\nregion = eu-west-1\\n[profile x\\nregion = eu-west-1\\n | 3"
            })
    void refusesAnUnparseableFileNamingTheFileAndTheLineAndLeavesIt(String text, int line)
            throws IOException {
        byte[] old = text.strip().replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        givenConfig(old);

        assertThatThrownBy(() -> run(TestConsole.typing("y"), answers(true, true)))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .contains(configFile() + " line " + line + " ")
                                    .doesNotContain("\n");
                        });
        assertThat(Files.readAllBytes(configFile())).isEqualTo(old);
        assertThat(backups()).isEmpty();
    }

    @Test
    void showsTheDiffAndReplacesADifferingProfileWhenTheOperatorAgrees() throws IOException {
        givenConfig(fixture("admin-differs.config"));
        TestConsole console = TestConsole.typing("y");

        RunReport report = run(console, answers(true, null));

        assertThat(console.err())
                .contains("[profile admin] holds other values than aws-bootstrap writes")
                .contains(
                        "role_arn: "
                                + OTHER_ADMIN
                                + " → arn:aws:iam::"
                                + ACCOUNT
                                + ":role/AdminRole")
                .contains("region: eu-west-1 → eu-west-2")
                .contains("output: (none) → json");
        assertThat(Files.readAllBytes(configFile())).isEqualTo(fixture("admin-differs.expected"));
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.DONE);
    }

    @Test
    void keepsADifferingProfileWhenTheOperatorDeclinesAndRecordsTheRisk() throws IOException {
        givenConfig(fixture("admin-differs.config"));
        TestConsole console = TestConsole.typing("n");

        RunReport report = run(console, answers(true, null));

        ProfileFile after = sdkRead(configFile());
        assertThat(after.profile("admin").orElseThrow().properties())
                .isEqualTo(
                        sdkRead(fixture("admin-differs.config"))
                                .profile("admin")
                                .get()
                                .properties());
        assertThat(after.profile("data-engineer").orElseThrow().property("role_arn"))
                .contains("arn:aws:iam::" + ACCOUNT + ":role/DataEngineerRole");
        assertThat(console.err()).contains("Leaving [profile admin] as it is.");
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.RISK_ACCEPTED);
        ResumeState state = savedState();
        assertThat(state.statusOf(CliConfigStep.KEY)).isEqualTo(StepStatus.RISK_ACCEPTED);
        assertThat(state.step(CliConfigStep.KEY).getNote())
                .contains("kept [profile admin] as it was")
                .contains("admin: role_arn, region");
        assertThat(state.step(CliConfigStep.KEY).getCreated())
                .containsEntry(
                        CliConfigStep.PROFILES, "default,data-engineer,infrastructure-admin");
    }

    @Test
    void stopsNamingTheProfileWhenNobodyCanAgreeToReplaceIt() throws IOException {
        byte[] old = fixture("admin-differs.config");
        givenConfig(old);

        assertThatThrownBy(() -> run(TestConsole.nonInteractive(), answers(true, null)))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .contains(configFile().toString())
                                    .contains("[profile admin]")
                                    .contains("cliConfig: {replaceProfiles: true}")
                                    .doesNotContain("\n");
                        });
        assertThat(Files.readAllBytes(configFile())).isEqualTo(old);
        assertThat(backups()).isEmpty();
    }

    @Test
    void replacesADifferingProfileWithoutAskingWhenTheAnswersSaySo() throws IOException {
        givenConfig(fixture("default-with-pager.config"));
        TestConsole console = TestConsole.nonInteractive();

        run(console, answers(true, true));

        assertThat(console.err()).contains("region: us-east-1 → eu-west-2");
        assertThat(Files.readAllBytes(configFile()))
                .isEqualTo(fixture("default-with-pager.expected"));
    }

    @Test
    void keepsADifferingProfileWithoutAskingWhenTheAnswersSayNotToReplace() throws IOException {
        givenConfig(fixture("default-with-pager.config"));

        RunReport report = run(TestConsole.nonInteractive(), answers(true, false));

        assertThat(sdkRead(configFile()).profile("default").orElseThrow().properties())
                .isEqualTo(Map.of("region", "us-east-1", "cli_pager", ""));
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.RISK_ACCEPTED);
    }

    @Test
    void completesProfilesThatOnlyLackKeysWithoutAsking() throws IOException {
        givenConfig(fixture("crlf-no-final-newline.config"));
        TestConsole console = TestConsole.nonInteractive();

        run(console, answers(true, null));

        assertThat(Files.readAllBytes(configFile()))
                .isEqualTo(fixture("crlf-no-final-newline.expected"));
        assertThat(console.err())
                .contains("[profile admin] lacks keys; adding source_profile = default")
                .doesNotContain("holds other values");
    }

    @Test
    void aDryRunShowsTheChangesAndWritesNothing() throws IOException {
        byte[] old = fixture("admin-differs.config");
        givenConfig(old);
        TestConsole console = TestConsole.nonInteractive();

        RunReport report = dryRun(console, TestContexts.dryRun(console, clients, home, plan));

        assertThat(console.err())
                .contains("role_arn: " + OTHER_ADMIN + " → arn:aws:iam::" + ACCOUNT)
                .contains("[profile data-engineer] is new: role_arn = arn:aws:iam::" + ACCOUNT)
                .contains(
                        "Would: Write [profile data-engineer], [profile infrastructure-admin],"
                                + " [profile admin] to "
                                + configFile())
                .contains("Nothing is written in a dry run");
        assertThat(Files.readAllBytes(configFile())).isEqualTo(old);
        assertThat(backups()).isEmpty();
        assertThat(StateStore.defaultFile(home, ACCOUNT)).doesNotExist();
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.TO_DO);
        assertThat(plan).isEmpty();
    }

    @Test
    void aDryRunWithoutCredentialsPlansTheProfilesForThePlaceholderAccount() {
        TestConsole console = TestConsole.nonInteractive();
        StepContext context =
                new StepContext(
                        console.console(),
                        clients,
                        new AwsChanges(clients, true, plan::add),
                        new ResumeSession(Optional.empty(), home, true, Clock.systemUTC()),
                        true);
        context.bindAccount(Account.unknown());

        dryRun(console, context);

        assertThat(console.err())
                .contains("role_arn = arn:aws:iam::ACCOUNT_ID:role/AdminRole")
                .contains("mfa_serial = arn:aws:iam::ACCOUNT_ID:mfa/jane.bloggs-phone")
                .contains("Would: Write [default], [profile data-engineer]");
        assertThat(home.resolve(".aws")).doesNotExist();
    }

    @Test
    void leavesOutTheMfaDeviceWhenTheRolesDoNotRequireMfa() throws IOException {
        run(TestConsole.nonInteractive(), answers(false, null));

        ProfileFile written = sdkRead(configFile());
        assertWrittenProfiles(written, false);
        ROLES.keySet()
                .forEach(
                        name ->
                                assertThat(written.profile(name).get().property("mfa_serial"))
                                        .isEmpty());
    }

    @Test
    void namesTheMfaDeviceOfTheAnswersWhenNoDeviceWasRecorded() throws IOException {
        Answers answers =
                TestAnswers.answers()
                        .roles(new Answers.Roles(true))
                        .user(new Answers.User(null, null, null, null, "jbloggs-phone", null))
                        .build();
        StepContext context = TestContexts.realRun(TestConsole.nonInteractive(), clients, home);
        try (ResumeSession session = context.session()) {
            session.recordAnswer("homeRegion", REGION);
            new Wizard(List.of(step(answers))).run(context);
        }

        assertThat(sdkRead(configFile()).profile("admin").get().property("mfa_serial"))
                .contains("arn:aws:iam::" + ACCOUNT + ":mfa/jbloggs-phone");
    }

    @Test
    void writesTheDefaultProfileWhereTheSdkLooksWhenTheFileHasProfileDefault() throws IOException {
        givenConfig("[profile default]\nregion = eu-west-2\n");

        run(TestConsole.nonInteractive(), answers(true, null));

        assertThat(sdkRead(configFile()).profile("default").get().properties())
                .isEqualTo(Map.of("region", REGION, "output", "json"));
        assertThat(Files.readString(configFile()))
                .startsWith("[profile default]\nregion = eu-west-2\noutput = json\n")
                .doesNotContain("[default]");
    }

    @Test
    void recordsTheConfigFileAndTheProfilesInTheResumeFile() throws IOException {
        run(TestConsole.nonInteractive(), answers(true, null));

        Map<String, String> created = savedState().step(CliConfigStep.KEY).getCreated();
        assertThat(created)
                .containsEntry(CliConfigStep.CONFIG_FILE, configFile().toString())
                .containsEntry(
                        CliConfigStep.PROFILES, "default,data-engineer,infrastructure-admin,admin");
    }

    @Test
    void tellsHowToMakeDataEngineerTheDefaultWithoutEditingAShellFile() throws IOException {
        TestConsole console = TestConsole.nonInteractive();

        run(console, answers(true, null));

        assertThat(console.err())
                .contains("export AWS_PROFILE=data-engineer")
                .contains("add it to your shell's startup file");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(".aws", ".aws-bootstrap");
        }
    }

    @Test
    void neverShowsACredentialThatTheConfigFileHolds() throws IOException {
        String secret = "test-only-value-treated-as-a-secret";
        givenConfig("[default]\nregion = us-east-1\naws_secret_access_key = " + secret);
        TestConsole console = TestConsole.typing("y");

        run(console, answers(true, null));

        assertThat(console.err() + console.out()).doesNotContain(secret);
        assertThat(sdkRead(configFile()).profile("default").get().property("aws_secret_access_key"))
                .contains(secret);
    }

    @Test
    void makesNoAwsCall() throws IOException {
        givenConfig(fixture("admin-differs.config"));

        RunReport report = run(TestConsole.nonInteractive(), answers(true, true));

        assertThat(report.changes()).isEmpty();
        verifyNoInteractions(clients);
    }

    private void assertWrittenProfiles(ProfileFile file, boolean withMfa) {
        assertThat(file.profile("default").orElseThrow().property("region")).contains(REGION);
        assertThat(file.profile("default").orElseThrow().property("output")).contains("json");
        ROLES.forEach(
                (name, role) -> {
                    Profile profile = file.profile(name).orElseThrow();
                    assertThat(profile.property("role_arn"))
                            .contains("arn:aws:iam::" + ACCOUNT + ":role/" + role);
                    assertThat(profile.property("source_profile")).contains("default");
                    assertThat(profile.property("region")).contains(REGION);
                    assertThat(profile.property("output")).contains("json");
                    assertThat(profile.property("credential_source")).isEmpty();
                    if (withMfa) {
                        assertThat(profile.property("mfa_serial")).contains(SERIAL);
                    }
                });
    }

    private RunReport run(TestConsole console, Answers answers) {
        StepContext context = TestContexts.realRun(console, clients, home);
        try (ResumeSession session = context.session()) {
            session.recordAnswer("homeRegion", REGION);
            session.recordCreated("user-mfa", "mfaSerial", SERIAL);
            return new Wizard(List.of(step(answers))).run(context);
        }
    }

    private RunReport dryRun(TestConsole console, StepContext context) {
        Answers answers =
                TestAnswers.answers()
                        .homeRegion(REGION)
                        .roles(new Answers.Roles(true))
                        .user(new Answers.User(null, null, null, null, "jane.bloggs-phone", null))
                        .build();
        try (ResumeSession session = context.session()) {
            return new Wizard(List.of(step(answers))).run(context);
        }
    }

    private CliConfigStep step(Answers answers) {
        return new CliConfigStep(answers, home, environment::get);
    }

    private static Answers answers(Boolean requireMfa, Boolean replaceProfiles) {
        return TestAnswers.answers()
                .roles(new Answers.Roles(requireMfa))
                .cliConfig(new Answers.CliConfig(replaceProfiles))
                .build();
    }

    private Path configFile() {
        return home.resolve(".aws").resolve("config");
    }

    private void givenConfig(byte[] content) throws IOException {
        Files.createDirectories(configFile().getParent());
        Files.write(configFile(), content);
    }

    private void givenConfig(String text) throws IOException {
        givenConfig(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<Path> backups() throws IOException {
        if (!Files.isDirectory(configFile().getParent())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(configFile().getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith("config.bak-"))
                    .sorted()
                    .toList();
        }
    }

    private ResumeState savedState() {
        return new StateStore(StateStore.defaultFile(home, ACCOUNT)).load().orElseThrow();
    }

    private static ProfileFile sdkRead(Path file) {
        return ProfileFile.builder().content(file).type(ProfileFile.Type.CONFIGURATION).build();
    }

    private static ProfileFile sdkRead(byte[] content) {
        return ProfileFile.builder()
                .content(new String(content, StandardCharsets.UTF_8))
                .type(ProfileFile.Type.CONFIGURATION)
                .build();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = CliConfigStepTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
