package dev.awsbootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.e2e.JarRunner.Result;
import dev.awsbootstrap.testing.Fault;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.MutationProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run with {@code --verbose}, failing once after every secret exists (so that exceptions,
 * their causes and their messages are printed) and then resumed, then a hunt for its three secrets
 * in everything both runs printed and every file they wrote: the console password, the secret
 * access key and the MFA device's seed. Only the credentials file may hold the secret key.
 */
@ExtendWith(MotoExtension.class)
class SecretsIT {
    private static final String OTHER_PROFILE =
            "# kept by hand\n[other]\naws_access_key_id = AKIAOTHEREXAMPLE0000\n"
                    + "aws_secret_access_key = otherSecretEXAMPLEotherSecretEXAMPLE0000\n";

    @TempDir Path home;
    @TempDir Path work;

    @Test
    void noSecretLeavesItsPlace(MotoServer moto) throws IOException {
        Path answers = E2eFiles.answers(work, E2eFiles.ANSWERS);
        Path credentials = E2eFiles.credentialsFile(home);
        E2eFiles.write(credentials, OTHER_PROFILE.getBytes(StandardCharsets.UTF_8));
        Result failed;
        Result resumed;
        Map<String, String> secrets = new LinkedHashMap<>();
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            // The first run fails after every secret exists, so that --verbose prints the
            // exception, its causes and their messages; the second run resumes and finishes.
            proxy.faultEveryAttempt("CreateBudget", Fault.error("AccessDeniedException", 400));
            failed =
                    E2eFiles.runner(moto, home)
                            .run(E2eFiles.wizardArgs(answers, proxy.endpoint(), "--verbose"));
            proxy.clearFaults();
            resumed =
                    E2eFiles.runner(moto, home)
                            .run(E2eFiles.wizardArgs(answers, proxy.endpoint(), "--verbose"));
            secrets.put("the console password", E2eFiles.PASSWORD);
            secrets.put(
                    "the secret access key",
                    only(proxy.replies("CreateAccessKey"), "SecretAccessKey"));
            // IAM sends the seed base64-encoded; the app and the wizard show it as base32 text.
            String seed = only(proxy.replies("CreateVirtualMFADevice"), "Base32StringSeed");
            secrets.put("the MFA seed as IAM sends it", seed);
            secrets.put(
                    "the MFA seed",
                    new String(Base64.getDecoder().decode(seed), StandardCharsets.US_ASCII));
        }
        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
        assertThat(failed.stderr())
                .as("--verbose showed the failure's stack trace")
                .contains("budgets:CreateBudget")
                .contains("Exception")
                .contains("\tat ");
        assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
        assertThat(resumed.stderr()).as("--verbose logged something").contains("DEBUG");

        Map<String, String> places = new LinkedHashMap<>();
        places.put("the failed run's standard output", failed.stdout());
        places.put("the failed run's standard error", failed.stderr());
        places.put("the resumed run's standard output", resumed.stdout());
        places.put("the resumed run's standard error", resumed.stderr());
        for (Path root : List.of(home, work)) {
            for (String file : E2eFiles.filesUnder(root)) {
                places.put(file, Files.readString(root.resolve(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(places.keySet())
                .as("the files written")
                .anyMatch(name -> name.startsWith(".aws/credentials.bak-"))
                .anyMatch(name -> name.startsWith(".aws-bootstrap/state-"));

        SoftAssertions softly = new SoftAssertions();
        String credentialsName = home.relativize(credentials).toString();
        places.forEach(
                (place, text) ->
                        secrets.forEach(
                                (secret, value) -> {
                                    boolean allowed =
                                            place.equals(credentialsName)
                                                    && secret.equals("the secret access key");
                                    if (!allowed) {
                                        softly.assertThat(text)
                                                .as("%s in %s", secret, place)
                                                .doesNotContain(value);
                                    }
                                }));
        softly.assertThat(Files.readString(credentials))
                .as("the credentials file holds the new key and keeps the other profile")
                .contains("aws_secret_access_key = " + secrets.get("the secret access key"))
                .startsWith(OTHER_PROFILE);
        softly.assertAll();
    }

    /** The text of {@code element} in the one reply there must be. */
    private static String only(List<String> replies, String element) {
        assertThat(replies).as("answers with %s", element).hasSize(1);
        Matcher value =
                Pattern.compile("<" + element + ">([^<]+)</" + element + ">")
                        .matcher(replies.get(0));
        assertThat(value.find()).as("%s in %s", element, replies.get(0)).isTrue();
        assertThat(value.group(1)).hasSizeGreaterThanOrEqualTo(16);
        return value.group(1);
    }
}
