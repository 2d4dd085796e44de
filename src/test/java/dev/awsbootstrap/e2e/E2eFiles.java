package dev.awsbootstrap.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awsbootstrap.testing.DesignAnswers;
import dev.awsbootstrap.testing.MotoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Files and environments shared by the end-to-end tests: answers, resume files, credentials. */
final class E2eFiles {
    /** The account id moto answers with. */
    static final String ACCOUNT_ID = "123456789012";

    /** The console password of the user, given through {@link #PASSWORD_VARIABLE}. */
    static final String PASSWORD = "Correct-Horse-9-Battery";

    static final String PASSWORD_VARIABLE = DesignAnswers.PASSWORD_VARIABLE;

    /** The answers of a complete non-interactive run. */
    static final String ANSWERS = DesignAnswers.YAML;

    private static final ObjectMapper JSON = new ObjectMapper();

    private E2eFiles() {}

    /** Writes {@code yaml} as {@code answers.yaml} in {@code directory}. */
    static Path answers(Path directory, String yaml) {
        return write(directory.resolve("answers.yaml"), yaml.getBytes(UTF_8));
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a run with {@code home} as HOME keeps the resume file of moto's account. */
    static Path resumeFile(Path home) {
        return home.resolve(".aws-bootstrap").resolve("state-" + ACCOUNT_ID + ".json");
    }

    /**
     * Fake credentials for moto and the user's console password; the AWS config and credentials
     * files are pointed into {@code home}, so that nothing can read or write a developer's own.
     */
    static Map<String, String> credentials(MotoServer moto, Path home) {
        Map<String, String> env = new LinkedHashMap<>(moto.fakeCredentialEnv());
        env.put("AWS_CONFIG_FILE", home.resolve(".aws").resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile(home).toString());
        env.put(PASSWORD_VARIABLE, PASSWORD);
        return env;
    }

    /** The credentials file of a run with {@code home} as HOME. */
    static Path credentialsFile(Path home) {
        return home.resolve(".aws").resolve("credentials");
    }

    /** A runner of the jar with {@code home} as HOME and fake credentials for moto. */
    static JarRunner runner(MotoServer moto, Path home) {
        return JarRunner.withHome(home).env(credentials(moto, home));
    }

    /** The arguments of a non-interactive run with {@code answers} against {@code endpoint}. */
    static String[] wizardArgs(Path answers, URI endpoint, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--non-interactive",
                                "--answers",
                                answers.toString(),
                                "--endpoint-url",
                                endpoint.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** Every file (not directory) under {@code directory}, relative to it, sorted. */
    static List<String> filesUnder(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .map(path -> directory.relativize(path).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses {@code text} as exactly one JSON document, failing the test with the text if not. */
    static JsonNode singleJsonDocument(String text) {
        try {
            JsonNode document =
                    JSON.reader()
                            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                            .readTree(text);
            if (document == null || document.isMissingNode()) {
                return fail("expected one JSON document, got nothing");
            }
            return document;
        } catch (JsonProcessingException e) {
            return fail("expected one JSON document (%s), got:%n%s", e.getOriginalMessage(), text);
        }
    }

    /** Each step's status in a resume file, by step key, in file order. */
    static Map<String, String> stepStatuses(Path resumeFile) {
        Map<String, String> statuses = new LinkedHashMap<>();
        readJson(resumeFile)
                .path("steps")
                .properties()
                .forEach(
                        step ->
                                statuses.put(
                                        step.getKey(), step.getValue().path("status").asText()));
        return statuses;
    }
}
