package dev.awsbootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awsbootstrap.e2e.JarRunner.Result;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.MutationProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A non-interactive run of the wizard against moto, run once and then again. */
@ExtendWith(MotoExtension.class)
class WizardRunIT {
    @TempDir Path home;
    @TempDir Path work;

    private MotoServer moto;
    private Path answers;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        this.answers = E2eFiles.answers(work, E2eFiles.ANSWERS);
    }

    /** The mutating calls of a run on a new account, in order. */
    static final List<String> FIRST_RUN_CHANGES =
            List.of(
                    "CreateAccountAlias",
                    "CreateRole",
                    "AttachRolePolicy",
                    "CreateRole",
                    "AttachRolePolicy",
                    "AttachRolePolicy",
                    "AttachRolePolicy",
                    "AttachRolePolicy",
                    "AttachRolePolicy",
                    "CreateRole",
                    "AttachRolePolicy",
                    "AttachRolePolicy",
                    "AttachRolePolicy",
                    "AttachRolePolicy",
                    "AttachRolePolicy",
                    "CreateUser",
                    "CreateLoginProfile",
                    "CreateVirtualMFADevice",
                    "EnableMFADevice",
                    "PutUserPolicy",
                    "CreateAccessKey",
                    "CreateBudget");

    @Test
    void firstRunMakesEachThingOnceAndOwnerOnlyFiles() throws Exception {
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            Result run = wizard(proxy);

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(proxy.mutations()).containsExactlyElementsOf(FIRST_RUN_CHANGES);
            assertThat(run.stderr())
                    .as("the verification table")
                    .containsPattern(
                            "data-engineer +DataEngineerRole +arn:aws:sts::"
                                    + E2eFiles.ACCOUNT_ID
                                    + ":assumed-role/DataEngineerRole/aws-bootstrap-verify")
                    .contains("export AWS_PROFILE=data-engineer");
            assertThat(run.stdout())
                    .as("the summary")
                    .contains("Left for you:")
                    .contains("  - IAM access to billing: ")
                    .contains(
                            "Sign in to the console as jane.bloggs at"
                                    + " https://acme-data.signin.aws.amazon.com/console");
            assertThat(run.stdout() + run.stderr())
                    .as("no secret in the output")
                    .doesNotContain(E2eFiles.PASSWORD)
                    .doesNotContain(secretAccessKey());
        }
        assertThat(moto.iam().listAccountAliases().accountAliases()).containsExactly("acme-data");
        Path credentials = E2eFiles.credentialsFile(home);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                .isEqualTo("rw-------");

        Path resume = E2eFiles.resumeFile(home);
        assertThat(resume).as("the resume file in HOME").isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(resume)))
                .isEqualTo("rw-------");
        try (var files = Files.list(resume.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("nothing but the resume file and its lock, no temporary file")
                    .isSubsetOf(resume.getFileName().toString(), resume.getFileName() + ".lock")
                    .contains(resume.getFileName().toString());
        }
        assertResumeFileHoldsOnlyWhatItShould(resume);
    }

    /** What the roles step reads once for each of the three roles. */
    private static final List<String> PER_ROLE =
            List.of("GetRole", "ListAttachedRolePolicies", "ListRolePolicies");

    @Test
    void secondIdenticalRunMakesNoMutatingCall() throws IOException {
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            Result first = wizard(proxy);
            assertThat(first.exitCode()).as(first.describe()).isZero();
            proxy.clear();
            String resumeFile = Files.readString(E2eFiles.resumeFile(home));

            Result second = wizard(proxy);

            assertThat(second.exitCode()).as(second.describe()).isZero();
            assertThat(proxy.operations()).as("the second run still inspects").isNotEmpty();
            assertThat(proxy.mutationCount())
                    .as("mutating calls of the second run: %s", proxy.mutations())
                    .isZero();
            // moto lacks DescribeSubscribersForNotification: its error is retried, as it should be.
            Map<String, Long> reads =
                    proxy.operations().stream()
                            .filter(op -> !op.equals("DescribeSubscribersForNotification"))
                            .collect(Collectors.groupingBy(op -> op, Collectors.counting()));
            assertThat(reads)
                    .as("no read made twice; a role's reads once per role: %s", proxy.operations())
                    .allSatisfy(
                            (operation, count) ->
                                    assertThat(count)
                                            .as(operation)
                                            .isEqualTo(PER_ROLE.contains(operation) ? 3 : 1));
            assertThat(Files.readString(E2eFiles.resumeFile(home)))
                    .as("a run that changes nothing leaves the resume file as it was")
                    .isEqualTo(resumeFile);
        }
        assertThat(moto.iam().listAccountAliases().accountAliases()).containsExactly("acme-data");
    }

    @Test
    void quietShowsOnlyProblemsAndTheSummary() {
        Result run;
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            run = wizard(proxy, "--quiet");
        }

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr())
                .as("no step headers or progress with --quiet")
                .doesNotContain("[1/14]")
                .doesNotContain("✓")
                .doesNotContain("→");
        assertThat(run.stderrLines())
                .as("what stderr may keep: problems only")
                .allMatch(line -> line.startsWith("  ! ") || line.startsWith("Error: "));
        assertThat(run.stdout())
                .as("the summary")
                .containsPattern("(?m)^\\s*Root user MFA\\s+risk accepted\\b")
                .contains(FIRST_RUN_CHANGES.size() + " change(s) made in AWS");
    }

    @Test
    void jsonOutputIsOneParseableDocumentOnStdout() throws Exception {
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            Result run = wizard(proxy, "--output", "json");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            JsonNode report = E2eFiles.singleJsonDocument(run.stdout());
            assertThat(report.path("account").asText()).isEqualTo(E2eFiles.ACCOUNT_ID);
            assertThat(report.path("dryRun").asBoolean(true)).isFalse();
            List<String> changes = new ArrayList<>();
            report.path("changes").forEach(change -> changes.add(change.asText()));
            assertThat(changes)
                    .containsExactlyElementsOf(
                            FIRST_RUN_CHANGES.stream()
                                    .map(op -> (op.endsWith("Budget") ? "budgets:" : "iam:") + op)
                                    .toList());
            List<String> statuses = new ArrayList<>();
            report.path("steps")
                    .forEach(
                            step ->
                                    statuses.add(
                                            step.path("key").asText()
                                                    + "="
                                                    + step.path("status").asText()));
            assertThat(statuses)
                    .containsSubsequence(
                            "caller=done",
                            "root-mfa=risk accepted",
                            "account-alias=done",
                            "billing-access=later",
                            "roles=done",
                            "user=done",
                            "user-mfa=done",
                            "assume-roles-policy=done",
                            "access-key=done",
                            "budget=done",
                            "billing-alerts=done",
                            "cli-config=done",
                            "verify=done",
                            "root-access-key=done");
            assertThat(report.path("stateFile").asText())
                    .isEqualTo(E2eFiles.resumeFile(home).toString());
            assertThat(report.path("signInUrl").asText())
                    .isEqualTo("https://acme-data.signin.aws.amazon.com/console");
            assertThat(report.path("user").asText()).isEqualTo("jane.bloggs");
            assertThat(report.at("/created/roles/DataEngineerRole").asText())
                    .isEqualTo("arn:aws:iam::" + E2eFiles.ACCOUNT_ID + ":role/DataEngineerRole");
            assertThat(report.at("/created/user-mfa/mfaSerial").asText())
                    .isEqualTo("arn:aws:iam::" + E2eFiles.ACCOUNT_ID + ":mfa/jbloggs-phone");
            assertThat(report.at("/created/budget/budgetName").asText())
                    .isEqualTo("Monthly-Cost-Budget");
            assertThat(report.at("/created/cli-config/profiles").asText())
                    .isEqualTo("default,data-engineer,infrastructure-admin,admin");
            assertThat(report.path("openItems"))
                    .extracting(JsonNode::asText)
                    .anyMatch(item -> item.startsWith("IAM access to billing: "));
            assertWhatTheAccountHas(report);
        }
    }

    /** The fields that say what the account has now: ARNs, ids, the budget, the profiles. */
    private void assertWhatTheAccountHas(JsonNode report) throws Exception {
        String arn = "arn:aws:iam::" + E2eFiles.ACCOUNT_ID + ":";
        assertThat(report.path("roles").properties())
                .extracting(Map.Entry::getKey, entry -> entry.getValue().asText())
                .containsExactly(
                        tuple("AdminRole", arn + "role/AdminRole"),
                        tuple("DataEngineerRole", arn + "role/DataEngineerRole"),
                        tuple("InfrastructureAdminRole", arn + "role/InfrastructureAdminRole"));
        assertThat(report.path("userArn").asText()).isEqualTo(arn + "user/jane.bloggs");
        assertThat(report.path("mfaSerial").asText()).isEqualTo(arn + "mfa/jbloggs-phone");
        String keyId =
                moto.iam()
                        .listAccessKeys(r -> r.userName("jane.bloggs"))
                        .accessKeyMetadata()
                        .get(0)
                        .accessKeyId();
        assertThat(report.path("accessKeyId").asText()).isEqualTo(keyId);
        assertThat(report.at("/budget/name").asText()).isEqualTo("Monthly-Cost-Budget");
        assertThat(report.at("/budget/amount").decimalValue()).isEqualByComparingTo("100");
        assertThat(report.at("/budget/currency").asText()).isEqualTo("USD");
        assertThat(report.at("/budget/thresholds")).extracting(JsonNode::asInt).containsExactly(80);
        assertThat(report.at("/budget/emails"))
                .extracting(JsonNode::asText)
                .containsExactly("ops@example.com");
        assertThat(report.path("profiles"))
                .extracting(JsonNode::asText)
                .containsExactly("default", "data-engineer", "infrastructure-admin", "admin");
        assertThat(report.path("configFile").asText())
                .isEqualTo(home.resolve(".aws").resolve("config").toString());
        assertThat(report.toString())
                .as("the secret access key is not in the JSON")
                .doesNotContain(secretAccessKey());
    }

    @Test
    void statusAfterTheRunShowsEachStepsState() {
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            Result run = wizard(proxy);
            assertThat(run.exitCode()).as(run.describe()).isZero();
        }

        // With --no-live-check status reads only the resume file: no credentials, no AWS call.
        Result status =
                JarRunner.withHome(home)
                        .env("AWS_EC2_METADATA_DISABLED", "true")
                        .run("status", "--no-live-check");

        assertThat(status.exitCode()).as(status.describe()).isZero();
        assertThat(status.stdout())
                .as(status.describe())
                .contains(E2eFiles.ACCOUNT_ID)
                .containsPattern("(?m)^\\s*Caller and home region\\s+done\\b")
                .containsPattern("(?m)^\\s*Root user MFA\\s+risk accepted\\b")
                .containsPattern("(?m)^\\s*Account alias\\s+done\\b")
                .containsPattern("(?m)^\\s*IAM access to billing\\s+waiting for you\\b")
                .containsPattern("(?m)^\\s*MFA device for your IAM user\\s+done\\b")
                .containsPattern("(?m)^\\s*Access key for the AWS CLI\\s+done\\b");
    }

    private Result wizard(MutationProxy proxy, String... extra) {
        return E2eFiles.runner(moto, home)
                .run(E2eFiles.wizardArgs(answers, proxy.endpoint(), extra));
    }

    /** The secret the run wrote to the credentials file. */
    private String secretAccessKey() throws Exception {
        String credentials = Files.readString(E2eFiles.credentialsFile(home));
        Matcher secret =
                Pattern.compile("(?m)^aws_secret_access_key = (\\S+)$").matcher(credentials);
        assertThat(secret.find()).as("a secret in the credentials file").isTrue();
        return secret.group(1);
    }

    private void assertResumeFileHoldsOnlyWhatItShould(Path resume) throws Exception {
        String text = Files.readString(resume, StandardCharsets.UTF_8);
        JsonNode state = E2eFiles.singleJsonDocument(text);
        assertThat(state.path("accountId").asText()).isEqualTo(E2eFiles.ACCOUNT_ID);
        assertThat(fieldNames(state))
                .as("top-level keys")
                .isSubsetOf(
                        "schemaVersion", "accountId", "createdAt", "updatedAt", "answers", "steps");
        Map<String, String> expectedAnswers =
                Map.ofEntries(
                        Map.entry("homeRegion", "eu-west-2"),
                        Map.entry("rootMfa", "accept-risk"),
                        Map.entry("accountAlias", "acme-data"),
                        Map.entry("billingAccess", "later"),
                        Map.entry("roles.requireMfa", "true"),
                        Map.entry("user.name", "jane.bloggs"),
                        Map.entry("user.passwordResetRequired", "false"),
                        Map.entry("user.mfaDeviceName", "jbloggs-phone"),
                        Map.entry("accessKey.create", "true"),
                        Map.entry("accessKey.store", "credentials-file"),
                        Map.entry("budget.name", "Monthly-Cost-Budget"),
                        Map.entry("budget.amount", "100"),
                        Map.entry("budget.thresholds", "80"),
                        Map.entry("budget.emails", "ops@example.com"),
                        Map.entry("billingAlerts", "confirmed"));
        state.path("answers")
                .properties()
                .forEach(
                        answer ->
                                assertThat(answer.getValue().asText())
                                        .as("answer %s", answer.getKey())
                                        .isEqualTo(expectedAnswers.get(answer.getKey())));
        assertThat(fieldNames(state.path("steps")))
                .contains(
                        "caller",
                        "root-mfa",
                        "account-alias",
                        "billing-access",
                        "roles",
                        "user",
                        "user-mfa",
                        "assume-roles-policy",
                        "access-key");
        state.path("steps")
                .properties()
                .forEach(
                        step ->
                                assertThat(fieldNames(step.getValue()))
                                        .as("fields of step %s", step.getKey())
                                        .isSubsetOf("status", "at", "note", "created"));
        assertThat(text)
                .as("the resume file holds no credential")
                .doesNotContain(MotoServer.FAKE_ACCESS_KEY_ID)
                .doesNotContain(MotoServer.FAKE_SECRET_ACCESS_KEY)
                .doesNotContain(E2eFiles.PASSWORD)
                .doesNotContain(secretAccessKey());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
