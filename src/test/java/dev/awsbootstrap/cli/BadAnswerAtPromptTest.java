package dev.awsbootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.answers.AnswersFile;
import dev.awsbootstrap.aws.AwsChanges;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.aws.AwsRegions;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.testing.DesignAnswers;
import dev.awsbootstrap.testing.MotoClients;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.wizard.ResumeSession;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bad answer typed at a prompt is refused with the rule it breaks and asked again; the good
 * answer typed next is taken and the wizard runs on, against moto, through the step that asked and
 * the step after it (the whole run would take twice as long, for little more). Every other answer
 * comes from the answers file, so that the one question is the only one asked.
 */
@ExtendWith(MotoExtension.class)
class BadAnswerAtPromptTest {
    private static final String PASSWORD_VARIABLE = DesignAnswers.PASSWORD_VARIABLE;

    private static final String ANSWERS = DesignAnswers.YAML;

    /** One set of clients for all the cases: building the SDK clients costs more than a step. */
    private static AwsClients clients;

    @TempDir Path home;

    @AfterAll
    static void closeClients() {
        if (clients != null) {
            clients.close();
        }
    }

    /**
     * One question answered badly, then well.
     *
     * @param line the answers-file line left out, so that the question is asked
     * @param key the answer's key in the resume file, or null for the MFA codes, never recorded
     * @param recorded how the good answer is kept in the resume file
     * @param atTerminal whether the operator is at a terminal, as the MFA codes need
     */
    record BadPrompt(
            String name,
            String line,
            String key,
            String bad,
            String reason,
            String good,
            String recorded,
            boolean atTerminal) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadPrompt> badPrompts() {
        List<BadPrompt> cases = new ArrayList<>();
        String alias = "accountAlias: acme-data";
        cases.add(typed("alias with upper case", alias, "Acme-Data", "lowercase letters"));
        cases.add(typed("alias with an underscore", alias, "acme_data", "single hyphens"));
        cases.add(typed("alias with a double hyphen", alias, "acme--data", "single hyphens"));
        cases.add(typed("alias of 12 digits", alias, "210987654321", "cannot be 12 digits"));
        cases.add(typed("alias too short", alias, "ab", "3 to 63 characters"));
        cases.add(typed("alias too long", alias, "a".repeat(64), "3 to 63 characters"));
        String user = "  name: jane.bloggs";
        cases.add(typed("user name with a space", user, "jane bloggs", "1 to 64 letters"));
        cases.add(typed("user name too long", user, "j".repeat(65), "1 to 64 letters"));
        cases.add(
                typed(
                        "MFA device name with a space",
                        "  mfaDeviceName: jbloggs-phone",
                        "jbloggs phone",
                        "1 to 226 letters"));
        cases.add(
                typed(
                        "unknown region",
                        "homeRegion: eu-west-2",
                        "eu-west-9",
                        "not an AWS region code"));
        cases.add(
                new BadPrompt(
                        "yes or no answered otherwise",
                        "  requireMfa: true",
                        "roles.requireMfa",
                        "perhaps",
                        "answer y or n",
                        "y",
                        "true",
                        false));
        String amount = "  amount: 100";
        cases.add(typed("budget amount of zero", amount, "0", "above 0", "250"));
        cases.add(typed("negative budget amount", amount, "-50", "plain number", "250"));
        cases.add(typed("budget amount that is not a number", amount, "lots", "plain number"));
        cases.add(typed("budget amount in euros", amount, "€100", "USD only", "250"));
        String thresholds = "  thresholds: [80]";
        cases.add(typed("negative threshold", thresholds, "-10", "such as 80", "80,100"));
        cases.add(typed("duplicate thresholds", thresholds, "80,80", "given once", "80,100"));
        cases.add(typed("six thresholds", thresholds, "10,20,30,40,50,60", "1 to 5", "50,80,100"));
        cases.add(typed("threshold with a % sign", thresholds, "80%", "% sign", "80,100"));
        String emails = "  emails: [ops@example.com]";
        cases.add(typed("e-mail address without a domain", emails, "ops@example", "example.com"));
        cases.add(
                typed("e-mail address without an at sign", emails, "ops.example.com", "@example"));
        cases.add(
                typed(
                        "the same e-mail address twice",
                        emails,
                        "ops@example.com, OPS@example.com",
                        "given once"));
        String codes = "  mfaCodes: [\"123456\", \"654321\"]";
        cases.add(mfaCode("MFA code of five digits", codes, "12345"));
        cases.add(mfaCode("MFA code of seven digits", codes, "1234567"));
        cases.add(mfaCode("MFA code with a letter", codes, "12a456"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPrompts")
    void badAnswerIsRefusedAndAskedAgainThenTheRunGoesOn(BadPrompt prompt, MotoServer moto)
            throws Exception {
        Map<String, String> env =
                Map.of(
                        PASSWORD_VARIABLE,
                        "Correct-Horse-9-Battery",
                        "AWS_CONFIG_FILE",
                        home.resolve(".aws/config").toString(),
                        "AWS_SHARED_CREDENTIALS_FILE",
                        home.resolve(".aws/credentials").toString());
        Answers answers = answersWithout(prompt.line(), env);
        List<String> typed = new ArrayList<>(List.of(prompt.bad(), prompt.good()));
        if (prompt.key() == null) {
            typed.add("654321");
        }
        TestConsole console =
                prompt.atTerminal()
                        ? TestConsole.atTerminal(typed.toArray(String[]::new))
                        : TestConsole.typing(typed.toArray(String[]::new));

        RunReport report;
        Optional<String> recorded;
        if (clients == null) {
            clients = MotoClients.at(moto.endpoint(), false);
        }
        try (ResumeSession session =
                new ResumeSession(Optional.empty(), home, false, Clock.systemUTC())) {
            StepContext context =
                    new StepContext(
                            console.console(),
                            clients,
                            new AwsChanges(clients, false, command -> {}),
                            session,
                            false);
            List<Step<?>> steps = WizardRunner.steps(answers, home, env::get);
            report = new Wizard(steps.subList(0, throughStep(prompt.line()))).run(context);
            recorded =
                    prompt.key() == null ? Optional.empty() : session.state().answer(prompt.key());
        }

        assertThat(console.err())
                .as("the warning at the prompt")
                .contains("! \"" + prompt.bad() + "\": ")
                .contains(prompt.reason())
                .contains("Try again.");
        assertThat(report.steps()).as(console.err()).hasSize(throughStep(prompt.line()));
        assertThat(report.steps())
                .as(console.err())
                .noneMatch(step -> step.status() == StepStatus.TO_DO);
        if (prompt.key() != null) {
            assertThat(recorded).as("the answer taken").contains(prompt.recorded());
        } else {
            assertThat(moto.iam().listMFADevices(r -> r.userName("jane.bloggs")).mfaDevices())
                    .as("the MFA device enabled with the good codes")
                    .hasSize(1);
        }
    }

    /** How many steps to run: through the step that asks the question, and one more. */
    private static int throughStep(String line) {
        String key = key(line);
        int asking =
                switch (key.contains(".") ? key.substring(0, key.indexOf('.')) : key) {
                    case "homeRegion" -> 1;
                    case "accountAlias" -> 3;
                    case "roles" -> 5;
                    case "user" -> key.startsWith("user.mfa") ? 7 : 6;
                    case "budget" -> 10;
                    default -> throw new IllegalArgumentException("no step asks " + key);
                };
        return asking + 1;
    }

    private static BadPrompt typed(String name, String line, String bad, String reason) {
        return typed(name, line, bad, reason, value(line));
    }

    private static BadPrompt typed(
            String name, String line, String bad, String reason, String good) {
        return new BadPrompt(name, line, key(line), bad, reason, good, good, false);
    }

    private static BadPrompt mfaCode(String name, String line, String bad) {
        return new BadPrompt(name, line, null, bad, "exactly 6 digits", "123456", null, true);
    }

    /** The answers-file key of an indented line, such as {@code budget.amount}. */
    private static String key(String line) {
        String name = line.strip().substring(0, line.strip().indexOf(':'));
        if (!line.startsWith(" ")) {
            return name;
        }
        String section = ANSWERS.substring(0, ANSWERS.indexOf(line));
        String parent =
                section.lines().filter(l -> !l.startsWith(" ")).reduce((a, b) -> b).orElseThrow();
        return parent.substring(0, parent.indexOf(':')) + "." + name;
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).strip().replaceAll("^\\[(.*)]$", "$1");
    }

    private Answers answersWithout(String line, Map<String, String> env) throws Exception {
        assertThat(ANSWERS.lines()).as("the answers").contains(line);
        String yaml =
                String.join("\n", ANSWERS.lines().filter(l -> !l.equals(line)).toList()) + "\n";
        Path file = Files.writeString(home.resolve("answers.yaml"), yaml);
        return AnswersFile.read(file, AwsRegions::isKnown, env::get);
    }
}
