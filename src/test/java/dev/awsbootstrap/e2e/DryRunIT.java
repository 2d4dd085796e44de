package dev.awsbootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awsbootstrap.e2e.JarRunner.Result;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.MutationProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dry-run} previews every change as AWS CLI commands and changes nothing. */
@ExtendWith(MotoExtension.class)
class DryRunIT {
    @TempDir Path home;
    @TempDir Path work;

    @Test
    void withoutAnyCredentialsPrintsThePlanQuicklyAndWritesNothing(MotoServer moto) {
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            // No AWS variable at all and the instance-metadata probe left enabled, as on a laptop.
            Result run =
                    JarRunner.withHome(home)
                            .run(
                                    Duration.ofSeconds(30),
                                    "--dry-run",
                                    "--endpoint-url",
                                    proxy.endpoint().toString());

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.elapsed())
                    .as("a dry run without credentials answers within seconds: %s", run.describe())
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(run.stdout())
                    .as(run.describe())
                    .contains("aws iam create-account-alias --account-alias ")
                    .contains("Caller and home region")
                    .contains("Root user MFA")
                    .contains("Account alias")
                    .contains("IAM access to billing")
                    .containsPattern("Dry run: \\d+ change\\(s\\) planned");
            assertThat(run.stdout() + run.stderr()).as(run.describe()).contains("ACCOUNT_ID");
            assertThat(run.stderr())
                    .as("the home region the plan took at step 1, not a placeholder, at step 12")
                    .contains("region = eu-west-2")
                    .doesNotContain("<homeRegion>");
            assertThat(proxy.operations()).as("no AWS call is attempted").isEmpty();
        }
        assertThat(E2eFiles.filesUnder(home)).as("files written under HOME").isEmpty();
    }

    @Test
    void withCredentialsMakesOnlyReadCallsAndWritesNoResumeFile(MotoServer moto) {
        Path answers = E2eFiles.answers(work, E2eFiles.ANSWERS);
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            Result run =
                    JarRunner.withHome(home)
                            .env(E2eFiles.credentials(moto, home))
                            .run(
                                    "--dry-run",
                                    "--answers",
                                    answers.toString(),
                                    "--endpoint-url",
                                    proxy.endpoint().toString());

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(proxy.operations())
                    .as("the dry run inspects the account")
                    .contains("GetCallerIdentity", "ListAccountAliases");
            assertThat(proxy.mutationCount()).as("mutating calls %s", proxy.mutations()).isZero();
            assertThat(run.stdout())
                    .as(run.describe())
                    .contains("aws iam create-account-alias --account-alias acme-data")
                    .as("a plan, not a list of work left for the operator")
                    .doesNotContain("Left for you:");
            assertThat(run.stdout() + run.stderr())
                    .as("no resume file is named, as none is written")
                    .doesNotContain("Resume file:");
        }
        assertThat(moto.iam().listAccountAliases().accountAliases()).isEmpty();
        assertThat(E2eFiles.filesUnder(home))
                .as("files written under HOME, such as a resume file")
                .isEmpty();
    }

    @Test
    void withJsonOutputPrintsOneJsonDocumentHoldingThePlan(MotoServer moto) {
        Path answers = E2eFiles.answers(work, E2eFiles.ANSWERS);
        Result run =
                JarRunner.withHome(home)
                        .env(E2eFiles.credentials(moto, home))
                        .run(
                                "--dry-run",
                                "--output",
                                "json",
                                "--answers",
                                answers.toString(),
                                "--endpoint-url",
                                moto.endpoint().toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode report = E2eFiles.singleJsonDocument(run.stdout());
        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("account").asText()).isEqualTo(E2eFiles.ACCOUNT_ID);
        List<String> plan = new ArrayList<>();
        report.path("plan").forEach(command -> plan.add(command.asText()));
        assertThat(plan)
                .as("the planned calls, with their parameters, in the document: %s", report)
                .contains("aws iam create-account-alias --account-alias acme-data");
        assertThat(moto.iam().listAccountAliases().accountAliases()).isEmpty();
    }
}
