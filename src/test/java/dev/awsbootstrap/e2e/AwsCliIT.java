package dev.awsbootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awsbootstrap.e2e.JarRunner.Result;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI reads the files the wizard wrote and signs in through them: the {@code
 * [default]} profile as the new user, and each role profile as its assumed role, typing an MFA code
 * where the profile names a device. Nothing but those files tells the CLI who to be.
 */
@ExtendWith(MotoExtension.class)
class AwsCliIT {
    private static final String ACCOUNT = E2eFiles.ACCOUNT_ID;

    @TempDir Path home;
    @TempDir Path work;

    @Test
    void theAwsCliAssumesEachRoleThroughTheWrittenProfiles(MotoServer moto) throws Exception {
        Path answers = E2eFiles.answers(work, E2eFiles.ANSWERS);
        Result run = E2eFiles.runner(moto, home).run(E2eFiles.wizardArgs(answers, moto.endpoint()));
        assertThat(run.exitCode()).as(run.describe()).isZero();

        assertThat(callerIdentity(moto, "default").path("Arn").asText())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/jane.bloggs");
        Map<String, String> roles =
                Map.of(
                        "data-engineer", "DataEngineerRole",
                        "infrastructure-admin", "InfrastructureAdminRole",
                        "admin", "AdminRole");
        for (Map.Entry<String, String> profile : roles.entrySet()) {
            JsonNode identity = callerIdentity(moto, profile.getKey());
            assertThat(identity.path("Arn").asText())
                    .as("aws sts get-caller-identity --profile %s", profile.getKey())
                    .startsWith(
                            "arn:aws:sts::"
                                    + ACCOUNT
                                    + ":assumed-role/"
                                    + profile.getValue()
                                    + "/");
            assertThat(identity.path("Account").asText()).isEqualTo(ACCOUNT);
            assertThat(Files.readString(work.resolve("aws-" + profile.getKey() + ".err")))
                    .as("the CLI asked for the code of the device the profile names")
                    .contains("MFA code for arn:aws:iam::" + ACCOUNT + ":mfa/jbloggs-phone");
        }
    }

    /**
     * Runs {@code aws sts get-caller-identity --profile NAME} with only the wizard's files to go
     * by, answering an MFA prompt with a code on standard input.
     */
    private JsonNode callerIdentity(MotoServer moto, String profile) throws Exception {
        List<String> command = new ArrayList<>();
        if (onPath("setsid")) {
            // Without a controlling terminal the CLI reads the MFA code from standard input.
            command.add("setsid");
        }
        command.addAll(
                List.of(
                        "aws",
                        "sts",
                        "get-caller-identity",
                        "--profile",
                        profile,
                        "--output",
                        "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve(".aws").resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", E2eFiles.credentialsFile(home).toString());
        env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        Path stdout = work.resolve("aws-" + profile + ".out");
        Path stderr = work.resolve("aws-" + profile + ".err");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process aws;
        try {
            aws = builder.start();
        } catch (IOException e) {
            return fail(
                    "The AWS CLI is not installed: pip install awscli (or install AWS CLI v2), then"
                            + " run the tests again.");
        }
        try (OutputStream in = aws.getOutputStream()) {
            in.write("123456\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(aws.waitFor(60, TimeUnit.SECONDS)).as("aws answers within a minute").isTrue();
        String out = Files.readString(stdout);
        assertThat(aws.exitValue())
                .as("aws --profile %s: %s%s", profile, out, Files.readString(stderr))
                .isZero();
        return E2eFiles.singleJsonDocument(out);
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv("PATH").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
