package dev.awsbootstrap.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The bad files of {@link BadInputIT}: an answers file, a resume file or an AWS file that breaks
 * one rule, and what the one line on stderr must then say. In the expected fragments, {@code
 * {home}} and {@code {work}} stand for the run's home and work directories.
 */
final class BadFileCases {
    /** A valid config file that every case starts with, so that "untouched" means something. */
    static final String CONFIG =
            """
            [default]
            region = eu-west-1

            [profile personal]
            region = eu-west-1
            output = json
            """;

    /** A valid credentials file with a fake key, which no case may change either. */
    static final String CREDENTIALS =
            """
            [personal]
            aws_access_key_id = AKIAIOSFODNN7EXAMPLE
            aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            """;

    private static final String OTHER_ACCOUNT_STATE =
            """
            {
              "schemaVersion" : 1,
              "accountId" : "111111111111",
              "createdAt" : "2026-12-01T10:00:00Z",
              "updatedAt" : "2026-12-01T10:05:00Z",
              "answers" : { "homeRegion" : "eu-west-1", "accountAlias" : "other-co" },
              "steps" : {
                "caller" : { "status" : "DONE", "at" : "2026-12-01T10:01:00Z",
                             "note" : null, "created" : { } }
              }
            }
            """;

    private BadFileCases() {}

    /** What a case runs with: the answers file's text, more arguments, more variables. */
    record Arranged(String answers, List<String> args, Map<String, String> env) {}

    /** Writes a case's files into HOME and the work directory. */
    interface Setup {
        Arranged arrange(Path home, Path work) throws IOException;
    }

    /**
     * One bad file.
     *
     * @param mentions what the one line must contain: key or file, value, rule
     * @param hidden what it must not contain, such as a password
     */
    record BadFile(String name, Setup setup, List<String> mentions, List<String> hidden) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<BadFile> all() {
        List<BadFile> cases = new ArrayList<>();
        cases.addAll(answersFiles());
        cases.addAll(resumeFiles());
        cases.addAll(awsFiles());
        return cases;
    }

    private static List<BadFile> answersFiles() {
        String longAlias = "a".repeat(64);
        String longUser = "j".repeat(65);
        return List.of(
                answers(
                        "alias with upper case",
                        replacing("accountAlias: acme-data", "accountAlias: Acme-Data"),
                        "accountAlias",
                        "\"Acme-Data\"",
                        "lowercase letters"),
                answers(
                        "alias with an underscore",
                        replacing("accountAlias: acme-data", "accountAlias: acme_data"),
                        "accountAlias",
                        "\"acme_data\"",
                        "single hyphens"),
                answers(
                        "alias with a double hyphen",
                        replacing("accountAlias: acme-data", "accountAlias: acme--data"),
                        "accountAlias",
                        "\"acme--data\"",
                        "single hyphens"),
                answers(
                        "alias of 12 digits",
                        replacing("accountAlias: acme-data", "accountAlias: 210987654321"),
                        "accountAlias",
                        "\"210987654321\"",
                        "cannot be 12 digits"),
                answers(
                        "alias too short",
                        replacing("accountAlias: acme-data", "accountAlias: ab"),
                        "accountAlias",
                        "\"ab\"",
                        "3 to 63 characters"),
                answers(
                        "alias too long",
                        replacing("accountAlias: acme-data", "accountAlias: " + longAlias),
                        "accountAlias",
                        "\"" + longAlias + "\"",
                        "3 to 63 characters"),
                answers(
                        "user name with a space",
                        replacing("name: jane.bloggs", "name: jane bloggs"),
                        "user.name",
                        "\"jane bloggs\"",
                        "1 to 64 letters"),
                answers(
                        "user name too long",
                        replacing("name: jane.bloggs", "name: " + longUser),
                        "user.name",
                        "\"" + longUser + "\"",
                        "1 to 64 letters"),
                answers(
                        "password variable not set",
                        replacing(
                                "consolePasswordEnv: BOOTSTRAP_PASSWORD",
                                "consolePasswordEnv: NO_SUCH_PASSWORD_VARIABLE"),
                        "user.consolePasswordEnv",
                        "NO_SUCH_PASSWORD_VARIABLE",
                        "is not set",
                        "export it"),
                new BadFile(
                        "literal password in the answers file",
                        (home, work) ->
                                plain(
                                        E2eFiles.ANSWERS.replace(
                                                "consolePasswordEnv: BOOTSTRAP_PASSWORD",
                                                "consolePassword: Hunter2-Secret")),
                        List.of(
                                "user.consolePassword",
                                "never written in the answers file",
                                "consolePasswordEnv"),
                        List.of("Hunter2")),
                answers(
                        "unknown top-level key",
                        text -> text + "colour: blue\n",
                        "unknown key \"colour\"",
                        "check its spelling"),
                answers(
                        "unknown nested key",
                        replacing("  name: jane.bloggs", "  name: jane.bloggs\n  nickname: jb"),
                        "unknown key \"user.nickname\"",
                        "check its spelling"),
                answers(
                        "broken YAML",
                        replacing("  requireMfa: true", "\trequireMfa: true"),
                        "{work}/answers.yaml: line 6",
                        "cannot start any token",
                        "fix the file's syntax"),
                answers(
                        "YAML list left open",
                        replacing("thresholds: [80]", "thresholds: [80"),
                        "{work}/answers.yaml: line ",
                        "expected ',' or ']'",
                        "fix the file's syntax"),
                answers(
                        "wrong type for a yes-or-no key",
                        replacing("requireMfa: true", "requireMfa: sometimes"),
                        "roles.requireMfa",
                        "\"sometimes\"",
                        "true or false"),
                answers(
                        "a list where a single value belongs",
                        replacing("accountAlias: acme-data", "accountAlias: [acme, data]"),
                        "accountAlias",
                        "a list is not a single value"),
                answers(
                        "unknown region",
                        replacing("homeRegion: eu-west-2", "homeRegion: eu-west-9"),
                        "homeRegion",
                        "\"eu-west-9\"",
                        "not an AWS region code"),
                answers(
                        "budget in euros",
                        replacing("currency: USD", "currency: EUR"),
                        "budget.currency",
                        "\"EUR\"",
                        "USD only"),
                answers(
                        "budget amount of zero",
                        replacing("amount: 100", "amount: 0"),
                        "budget.amount",
                        "\"0\"",
                        "above 0"),
                answers(
                        "negative budget amount",
                        replacing("amount: 100", "amount: -50"),
                        "budget.amount",
                        "\"-50\"",
                        "above 0"),
                answers(
                        "budget amount that is not a number",
                        replacing("amount: 100", "amount: lots"),
                        "budget.amount",
                        "\"lots\"",
                        "is not a number"),
                answers(
                        "negative threshold",
                        replacing("thresholds: [80]", "thresholds: [-10]"),
                        "budget.thresholds[0]",
                        "\"-10\"",
                        "above 0"),
                answers(
                        "duplicate thresholds",
                        replacing("thresholds: [80]", "thresholds: [80, 80]"),
                        "budget.thresholds[1]",
                        "\"80\"",
                        "given once"),
                answers(
                        "six thresholds",
                        replacing("thresholds: [80]", "thresholds: [10, 20, 30, 40, 50, 60]"),
                        "budget.thresholds",
                        "1 to 5 thresholds, not 6"),
                answers(
                        "e-mail address without a domain",
                        replacing("emails: [ops@example.com]", "emails: [ops@example]"),
                        "budget.emails[0]",
                        "\"ops@example\"",
                        "name@example.com"),
                answers(
                        "e-mail address without an at sign",
                        replacing("emails: [ops@example.com]", "emails: [ops.example.com]"),
                        "budget.emails[0]",
                        "\"ops.example.com\"",
                        "name@example.com"),
                answers(
                        "MFA code of five digits",
                        replacing("[\"123456\", \"654321\"]", "[\"12345\", \"654321\"]"),
                        "user.mfaCodes[0]",
                        "\"12345\"",
                        "exactly 6 digits"),
                answers(
                        "unknown root MFA choice",
                        replacing("rootMfa: accept-risk", "rootMfa: maybe"),
                        "rootMfa",
                        "\"maybe\"",
                        "accept-risk, require"));
    }

    private static List<BadFile> resumeFiles() {
        return List.of(
                new BadFile(
                        "corrupted resume file",
                        (home, work) -> {
                            E2eFiles.write(
                                    work.resolve("state.json"),
                                    ("{\"schemaVersion\": 1, \"accountId\": "
                                                    + "\"1234\u00e9\n\u0000\u0001")
                                            .getBytes(UTF_8));
                            return withState(work);
                        },
                        List.of("The resume file {work}/state.json", "is corrupted"),
                        List.of()),
                new BadFile(
                        "resume file of another account",
                        (home, work) -> {
                            E2eFiles.write(
                                    work.resolve("state.json"),
                                    OTHER_ACCOUNT_STATE.getBytes(UTF_8));
                            return withState(work);
                        },
                        List.of(
                                "{work}/state.json",
                                "belongs to account 111111111111",
                                "credentials are for account " + E2eFiles.ACCOUNT_ID),
                        List.of()),
                new BadFile(
                        "resume file without an account id",
                        (home, work) -> {
                            E2eFiles.write(
                                    work.resolve("state.json"),
                                    "{\"schemaVersion\": 1, \"steps\": {}}".getBytes(UTF_8));
                            return withState(work);
                        },
                        List.of("{work}/state.json", "no 12-digit accountId"),
                        List.of()));
    }

    private static List<BadFile> awsFiles() {
        return List.of(
                new BadFile(
                        "unparseable config file",
                        (home, work) -> {
                            E2eFiles.write(
                                    home.resolve(".aws/config"),
                                    (CONFIG + "[profile broken\nregion = eu-west-2\n")
                                            .getBytes(UTF_8));
                            return plain(E2eFiles.ANSWERS);
                        },
                        List.of("{home}/.aws/config", "line 7", "fix or move the file"),
                        List.of()),
                new BadFile(
                        "config file with a setting before any profile",
                        (home, work) -> {
                            E2eFiles.write(
                                    home.resolve(".aws/config"),
                                    ("region = eu-west-2\n" + CONFIG).getBytes(UTF_8));
                            return plain(E2eFiles.ANSWERS);
                        },
                        List.of("{home}/.aws/config", "line 1", "fix or move the file"),
                        List.of()),
                new BadFile(
                        "config file that starts with a byte order mark",
                        (home, work) -> {
                            E2eFiles.write(
                                    home.resolve(".aws/config"),
                                    ("\uFEFF" + CONFIG).getBytes(UTF_8));
                            return plain(E2eFiles.ANSWERS);
                        },
                        List.of("{home}/.aws/config line 1", "byte order mark", "fix or move"),
                        List.of()),
                new BadFile(
                        "config file named by AWS_CONFIG_FILE that is a directory",
                        (home, work) -> {
                            Files.createDirectories(work.resolve("aws-config"));
                            return new Arranged(
                                    E2eFiles.ANSWERS,
                                    List.of(),
                                    Map.of(
                                            "AWS_CONFIG_FILE",
                                            work.resolve("aws-config").toString()));
                        },
                        List.of("{work}/aws-config"),
                        List.of()),
                new BadFile(
                        "credentials file with a line that is not key = value",
                        (home, work) -> {
                            E2eFiles.write(
                                    home.resolve(".aws/credentials"),
                                    (CREDENTIALS + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")
                                            .getBytes(UTF_8));
                            return plain(E2eFiles.ANSWERS);
                        },
                        List.of("{home}/.aws/credentials line 4", "not a [section]"),
                        List.of("wJalrXUtnFEMI")),
                new BadFile(
                        "unparseable credentials file",
                        (home, work) -> {
                            E2eFiles.write(
                                    home.resolve(".aws/credentials"),
                                    (CREDENTIALS + "[other\naws_access_key_id = AKIAEXAMPLE\n")
                                            .getBytes(UTF_8));
                            return plain(E2eFiles.ANSWERS);
                        },
                        List.of("{home}/.aws/credentials", "line 4", "fix or move the file"),
                        List.of("wJalrXUtnFEMI")),
                new BadFile(
                        "unparseable config file named by AWS_CONFIG_FILE",
                        (home, work) -> {
                            E2eFiles.write(
                                    work.resolve("team-config"),
                                    "[profile team\nregion = eu-west-2\n".getBytes(UTF_8));
                            return new Arranged(
                                    E2eFiles.ANSWERS,
                                    List.of(),
                                    Map.of(
                                            "AWS_CONFIG_FILE",
                                            work.resolve("team-config").toString()));
                        },
                        List.of("{work}/team-config", "line 1", "fix or move the file"),
                        List.of()));
    }

    private static BadFile answers(String name, UnaryOperator<String> edit, String... mentions) {
        return new BadFile(
                name,
                (home, work) -> plain(edit.apply(E2eFiles.ANSWERS)),
                List.of(mentions),
                List.of());
    }

    private static UnaryOperator<String> replacing(String from, String to) {
        return text -> {
            if (!text.contains(from)) {
                throw new IllegalArgumentException("the answers have no " + from);
            }
            return text.replace(from, to);
        };
    }

    private static Arranged plain(String answers) {
        return new Arranged(answers, List.of(), Map.of());
    }

    private static Arranged withState(Path work) {
        return new Arranged(
                E2eFiles.ANSWERS,
                List.of("--state", work.resolve("state.json").toString()),
                Map.of());
    }
}
