package dev.awsbootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awsbootstrap.e2e.JarRunner.Result;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.MutationProxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aws-bootstrap status} before a run, after a run killed half-way, after a whole run, and
 * after someone removed what a run made: the state of each step and the live check of its claims.
 */
@ExtendWith(MotoExtension.class)
class StatusIT {
    private static final String ACCOUNT = E2eFiles.ACCOUNT_ID;

    /**
     * What a whole run claims, as the live check names the claims. It signed in as an IAM user, so
     * it claims nothing of root's access keys.
     */
    private static final List<String> CLAIMS_OF_A_WHOLE_RUN =
            List.of(
                    "alias acme-data",
                    "role AdminRole",
                    "role DataEngineerRole",
                    "role InfrastructureAdminRole",
                    "user jane.bloggs",
                    "console password of jane.bloggs",
                    "MFA device arn:aws:iam::" + ACCOUNT + ":mfa/jbloggs-phone",
                    "inline policy AssumeRolesPolicy",
                    "budget Monthly-Cost-Budget",
                    "profile default",
                    "profile data-engineer",
                    "profile infrastructure-admin",
                    "profile admin");

    @TempDir Path home;
    @TempDir Path work;

    private MotoServer moto;
    private Path answers;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        this.answers = E2eFiles.answers(work, E2eFiles.ANSWERS);
    }

    @Test
    void beforeAnyRunStatusSaysNothingHasRunAndExitsWithTwo() {
        Result text = E2eFiles.runner(moto, home).run("status");
        Result json = E2eFiles.runner(moto, home).run("status", "--output", "json");

        assertThat(text.exitCode()).as(text.describe()).isEqualTo(2);
        assertThat(text.stdout()).isEmpty();
        assertThat(text.stderrLines())
                .singleElement()
                .asString()
                .contains("No resume file in " + home.resolve(".aws-bootstrap"))
                .contains("nothing has run yet")
                .contains("run aws-bootstrap first, or pass --state");
        assertThat(json.exitCode()).as(json.describe()).isEqualTo(2);
        assertThat(json.stdout()).as("no half a document on stdout").isEmpty();
    }

    @Test
    void afterAWholeRunEveryStepIsSettledAndEveryClaimConfirmedWithOneReadEach() {
        String keyId;
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            Result run = wizard(proxy.endpoint());
            assertThat(run.exitCode()).as(run.describe()).isZero();
            keyId =
                    E2eFiles.readJson(E2eFiles.resumeFile(home))
                            .at("/steps/access-key/created/accessKeyId")
                            .asText();
            proxy.clear();

            Result status = status(proxy.endpoint(), "--output", "json");

            assertThat(status.exitCode()).as(status.describe()).isZero();
            assertThat(proxy.mutations()).as("status changes nothing").isEmpty();
            assertThat(proxy.operations())
                    .as("one read per claim (three roles), the caller first; no call twice")
                    .containsExactly(
                            "GetCallerIdentity",
                            "ListAccountAliases",
                            "GetRole",
                            "GetRole",
                            "GetRole",
                            "GetUser",
                            "GetLoginProfile",
                            "ListMFADevices",
                            "GetUserPolicy",
                            "ListAccessKeys",
                            "DescribeBudget");
            assertThat(status.stderr()).doesNotContain("Live check skipped");

            JsonNode report = E2eFiles.singleJsonDocument(status.stdout());
            assertSummaryFields(report, keyId);
            assertThat(states(report))
                    .containsExactly(
                            Map.entry("caller", "done"),
                            Map.entry("root-mfa", "risk accepted"),
                            Map.entry("account-alias", "done"),
                            Map.entry("billing-access", "waiting for you"),
                            Map.entry("roles", "done"),
                            Map.entry("user", "done"),
                            Map.entry("user-mfa", "done"),
                            Map.entry("assume-roles-policy", "done"),
                            Map.entry("access-key", "done"),
                            Map.entry("budget", "done"),
                            Map.entry("billing-alerts", "done"),
                            Map.entry("cli-config", "done"),
                            Map.entry("verify", "done"),
                            Map.entry("root-access-key", "done"));
            assertThat(report.at("/liveCheck/aws").asBoolean()).isTrue();
            assertThat(report.at("/liveCheck/skipped").isNull()).isTrue();
            assertThat(claims(report))
                    .containsAll(CLAIMS_OF_A_WHOLE_RUN)
                    .contains("access key " + keyId)
                    .hasSize(CLAIMS_OF_A_WHOLE_RUN.size() + 1);
            assertThat(report.at("/liveCheck/checks").findValuesAsText("result"))
                    .containsOnly("confirmed");
            assertThat(report.path("openItems"))
                    .extracting(JsonNode::asText)
                    .anyMatch(item -> item.startsWith("IAM access to billing: "))
                    .anyMatch(item -> item.startsWith("Root user MFA: "));

            Result text = status(proxy.endpoint());
            assertThat(text.exitCode()).as(text.describe()).isZero();
            assertThat(text.stdout())
                    .containsPattern("(?m)^\\s*Account alias\\s+done\\s+confirmed$")
                    .containsPattern("(?m)^\\s*Access key for the AWS CLI\\s+done\\s+confirmed$")
                    .containsPattern(
                            "(?m)^\\s*IAM access to billing\\s+waiting for you\\s+Activate ")
                    .containsPattern("(?m)^\\s*Root user's access key\\s+done\\b")
                    .doesNotContainPattern("(?m)^\\s*Root user's access key\\s+done\\s+confirmed")
                    .contains("Live check: 14 confirmed.");
        }
    }

    @Test
    void aDeletedAccessKeyIsReportedMissingAndTheRestStillConfirmed() {
        Result run = wizard(moto.endpoint());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        String keyId =
                E2eFiles.readJson(E2eFiles.resumeFile(home))
                        .at("/steps/access-key/created/accessKeyId")
                        .asText();
        moto.iam().deleteAccessKey(r -> r.userName("jane.bloggs").accessKeyId(keyId));

        Result json = status(moto.endpoint(), "--output", "json");
        Result text = status(moto.endpoint());

        assertThat(json.exitCode()).as(json.describe()).isZero();
        JsonNode report = E2eFiles.singleJsonDocument(json.stdout());
        assertThat(live(report))
                .containsEntry("access-key", "missing")
                .containsEntry("roles", "confirmed")
                .containsEntry("user-mfa", "confirmed");
        assertThat(report.at("/liveCheck/counts/missing").asInt()).isOne();
        assertThat(text.exitCode()).as(text.describe()).isZero();
        assertThat(text.stdout())
                .containsPattern("(?m)^\\s*Access key for the AWS CLI\\s+done\\s+missing$")
                .contains("Live check: 13 confirmed, 1 missing.")
                .contains("missing: access key " + keyId + " (jane.bloggs has no such key)");
    }

    @Test
    void withoutCredentialsTheLiveCheckIsSkippedAndStatusStillExitsZero() {
        Result run = wizard(moto.endpoint());
        assertThat(run.exitCode()).as(run.describe()).isZero();

        // No credentials in the environment, and none in the files the run wrote.
        Result status =
                JarRunner.withHome(home)
                        .env("AWS_CONFIG_FILE", work.resolve("no-config").toString())
                        .env("AWS_SHARED_CREDENTIALS_FILE", work.resolve("none").toString())
                        .run("status", "--output", "json");

        assertThat(status.exitCode()).as(status.describe()).isZero();
        assertThat(status.stderr()).contains("Live check skipped: no AWS credentials found");
        JsonNode report = E2eFiles.singleJsonDocument(status.stdout());
        assertThat(report.at("/liveCheck/aws").asBoolean()).isFalse();
        assertThat(report.at("/liveCheck/skipped").asText()).startsWith("no AWS credentials found");
        assertThat(live(report))
                .as("the profiles are local, the rest needs AWS")
                .containsEntry("cli-config", "confirmed")
                .containsEntry("roles", "not checked")
                .containsEntry("access-key", "not checked");
        assertThat(states(report)).containsEntry("verify", "done");
    }

    @Test
    void aRunKilledAfterCreatingTheUserLeavesThatStepStartedAndWhatItMadeConfirmed() {
        int createUser = WizardRunIT.FIRST_RUN_CHANGES.indexOf("CreateUser") + 1;
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            JarRunner.Running running =
                    E2eFiles.runner(moto, home)
                            .start(E2eFiles.wizardArgs(answers, proxy.endpoint()));
            // The kill comes after the next change, CreateLoginProfile: the user is on record.
            proxy.killAfterMutation(createUser + 1, running::kill);
            Result killed = running.await(JarRunner.DEFAULT_TIMEOUT);
            assertThat(killed.killed()).as(killed.describe()).isTrue();
        }

        Result status = status(moto.endpoint(), "--output", "json");

        assertThat(status.exitCode()).as(status.describe()).isZero();
        JsonNode report = E2eFiles.singleJsonDocument(status.stdout());
        Map<String, String> states = states(report);
        assertThat(states)
                .containsEntry("caller", "done")
                .containsEntry("account-alias", "done")
                .containsEntry("billing-access", "waiting for you")
                .containsEntry("roles", "done")
                .containsEntry("user", "started")
                .containsEntry("user-mfa", "to do")
                .containsEntry("access-key", "to do")
                .containsEntry("verify", "to do");
        assertThat(live(report))
                .containsEntry("account-alias", "confirmed")
                .containsEntry("roles", "confirmed")
                .containsEntry("user", "confirmed")
                .doesNotContainKey("access-key");
        assertThat(report.path("accessKeyId").isNull()).isTrue();
        assertThat(report.path("openItems"))
                .extracting(JsonNode::asText)
                .anyMatch(item -> item.startsWith("Your IAM user and password: started"))
                .anyMatch(item -> item.startsWith("Verification: to do"));
    }

    @Test
    void aRunThatStopsForTheOperatorLeavesThatStepWaitingWithWhatToDo() {
        Path withoutBilling =
                E2eFiles.answers(
                        work.resolve("without-billing"),
                        E2eFiles.ANSWERS.replace("billingAccess: later\n", ""));
        Result stopped =
                E2eFiles.runner(moto, home)
                        .run(E2eFiles.wizardArgs(withoutBilling, moto.endpoint()));
        assertThat(stopped.exitCode()).as(stopped.describe()).isEqualTo(3);

        JsonNode report =
                E2eFiles.singleJsonDocument(
                        status(moto.endpoint(), "--output", "json", "--no-live-check").stdout());
        assertThat(states(report))
                .containsEntry("account-alias", "done")
                .containsEntry("billing-access", "waiting for you")
                .containsEntry("roles", "to do");
        assertThat(report.path("openItems"))
                .extracting(JsonNode::asText)
                .anyMatch(
                        item ->
                                item.startsWith("IAM access to billing: ")
                                        && item.contains("is a console step"));
        Result text = status(moto.endpoint(), "--no-live-check");
        assertThat(text.stdout())
                .containsPattern("(?m)^\\s*IAM access to billing\\s+waiting for you\\s+.*console");

        Result finished =
                E2eFiles.runner(moto, home).run(E2eFiles.wizardArgs(answers, moto.endpoint()));
        assertThat(finished.exitCode()).as(finished.describe()).isZero();
        assertThat(
                        states(
                                E2eFiles.singleJsonDocument(
                                        status(moto.endpoint(), "--output", "json").stdout())))
                .containsEntry("billing-access", "waiting for you")
                .containsEntry("roles", "done")
                .containsEntry("verify", "done");
    }

    private void assertSummaryFields(JsonNode report, String keyId) {
        assertThat(report.path("account").asText()).isEqualTo(ACCOUNT);
        assertThat(report.path("alias").asText()).isEqualTo("acme-data");
        assertThat(report.path("signInUrl").asText())
                .isEqualTo("https://acme-data.signin.aws.amazon.com/console");
        assertThat(report.path("user").asText()).isEqualTo("jane.bloggs");
        assertThat(report.at("/roles/AdminRole").asText())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/AdminRole");
        assertThat(report.path("roles").size()).isEqualTo(3);
        assertThat(report.path("mfaSerial").asText())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":mfa/jbloggs-phone");
        assertThat(report.path("accessKeyId").asText()).isEqualTo(keyId).startsWith("AKIA");
        assertThat(report.at("/budget/name").asText()).isEqualTo("Monthly-Cost-Budget");
        assertThat(report.at("/budget/amount").decimalValue()).isEqualByComparingTo("100");
        assertThat(report.at("/budget/thresholds/0").asInt()).isEqualTo(80);
        assertThat(report.path("profiles"))
                .extracting(JsonNode::asText)
                .containsExactly("default", "data-engineer", "infrastructure-admin", "admin");
        assertThat(report.toString())
                .as("no secret in the JSON")
                .doesNotContain(E2eFiles.PASSWORD)
                .doesNotContain("aws_secret_access_key")
                .doesNotContainIgnoringCase("secretAccessKey");
    }

    private Result wizard(URI endpoint) {
        return E2eFiles.runner(moto, home).run(E2eFiles.wizardArgs(answers, endpoint));
    }

    /** status with the wizard's fake credentials, against {@code endpoint}. */
    private Result status(URI endpoint, String... extra) {
        List<String> args =
                new ArrayList<>(List.of("status", "--endpoint-url", endpoint.toString()));
        args.addAll(List.of(extra));
        return E2eFiles.runner(moto, home).run(args.toArray(String[]::new));
    }

    private static Map<String, String> states(JsonNode report) {
        Map<String, String> states = new LinkedHashMap<>();
        report.path("steps")
                .forEach(s -> states.put(s.path("key").asText(), s.path("state").asText()));
        return states;
    }

    private static Map<String, String> live(JsonNode report) {
        Map<String, String> live = new LinkedHashMap<>();
        report.path("steps")
                .forEach(
                        s -> {
                            if (!s.path("live").isNull()) {
                                live.put(s.path("key").asText(), s.path("live").asText());
                            }
                        });
        return live;
    }

    private static List<String> claims(JsonNode report) {
        List<String> claims = new ArrayList<>();
        report.at("/liveCheck/checks").forEach(c -> claims.add(c.path("claim").asText()));
        return claims;
    }
}
