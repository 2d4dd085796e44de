package dev.awsbootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.awsbootstrap.testing.Fault;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.MutationProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar in a real pseudo-terminal (tmux), typed at like a person: wrong answers first, the
 * password twice without echo, the MFA codes, Ctrl-C at a prompt. Each session is kept under {@code
 * target/terminal-sessions/} for reading.
 */
@ExtendWith(MotoExtension.class)
class TerminalSessionIT {
    /** What a person types: the answers file leaves these out. */
    private static final String PARTIAL_ANSWERS =
            """
            homeRegion: eu-west-2
            rootMfa: accept-risk
            roles:
              requireMfa: true
            user:
              name: jane.bloggs
              passwordResetRequired: false
              mfaDeviceName: jbloggs-phone
            budget:
              name: Monthly-Cost-Budget
              amount: 100
              currency: USD
              thresholds: [80]
              emails: [ops@example.com]
            billingAlerts: confirmed
            """;

    /** The full answers of a scripted run, but for the alias, which is typed. */
    private static final String ALL_BUT_ALIAS =
            E2eFiles.ANSWERS.replace("accountAlias: acme-data\n", "");

    private static final Duration RUN = Duration.ofSeconds(60);

    /** Any SGR sequence: colour, weight or reset. */
    private static final Pattern SGR = Pattern.compile("\u001b\\[[0-9;:]*m");

    /** An SGR sequence that sets a foreground colour, as tmux writes it. */
    private static final Pattern SGR_COLOUR =
            Pattern.compile("\u001b\\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;[0-9;:]+)m");

    @TempDir Path home;
    @TempDir Path work;

    private final List<TmuxTerminal> terminals = new ArrayList<>();
    private String testName;

    @AfterEach
    void stopTmux() {
        for (int i = 0; i < terminals.size(); i++) {
            TmuxTerminal terminal = terminals.get(i);
            try {
                terminal.saveScreen(TmuxTerminal.transcript(testName + "-" + (i + 1)));
            } finally {
                terminal.close();
            }
        }
    }

    @Test
    void aPersonTypesTheMissingAnswers(MotoServer moto, TestInfo test) throws Exception {
        name(test);
        Path answers = E2eFiles.answers(work, PARTIAL_ANSWERS);
        String seed;
        TmuxTerminal terminal;
        int exit;
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            terminal = start(environment(moto), args(answers, proxy));
            Typist typist = new Typist(terminal);

            typist.answer("Account alias:", "Acme_Data");
            typist.answer("Account alias:", "acme-data");
            typist.answer("Your choice [confirmed]:", "");
            typist.answer("Console password for jane.bloggs:", "short");
            typist.answer("Console password for jane.bloggs:", E2eFiles.PASSWORD);
            typist.answer("Same password again:", E2eFiles.PASSWORD);
            typist.answer("First code from the app:", "12345");
            typist.answer("First code from the app:", "123456");
            typist.answer("Next code (wait until the app shows a new one):", "654321");
            typist.answer("Create an access key for jane.bloggs for the AWS CLI? (y/n) [y]:", "y");
            typist.answer("Your choice [credentials-file]:", "");
            typist.answer("MFA code from your app, for the profile data-engineer:", "654321");
            typist.answer("MFA code from your app, for the profile data-engineer:", "234567");
            typist.answer(
                    "MFA code from your app, for the profile infrastructure-admin:", "345678");
            typist.answer("MFA code from your app, for the profile admin:", "456789");
            exit = terminal.awaitExit(RUN);
            seed = seed(proxy);
        }
        String screen = terminal.screen();
        assertThat(exit).as(screen).isZero();

        assertThat(screen)
                .contains("\"Acme_Data\": an account alias has only lowercase letters")
                .contains("\"12345\": an MFA code is exactly 6 digits. Try again.")
                .contains("jane.bloggs signs in to the AWS console with this password")
                .contains("The password needs at least 8 characters. Try again.")
                .contains("\"654321\": this run already sent that code to AWS, which accepts")
                .contains("Sign-in URL: https://acme-data.signin.aws.amazon.com/console");
        assertThat(lines(screen, "Account alias:")).hasSize(2);
        assertThat(lines(screen, "First code from the app:")).hasSize(2);
        assertThat(lines(screen, "MFA code from your app, for the profile data-engineer:"))
                .hasSize(2);
        assertThat(screen)
                .as("the typed password is masked")
                .contains("Console password for jane.bloggs: " + "*".repeat(23));

        assertThat(decodeQrCode(screen))
                .startsWith("otpauth://totp/Amazon%20Web%20Services%3Ajane.bloggs%40acme-data?")
                .contains("secret=" + seed + "&");
        assertThat(screen.replace(" ", "")).contains("Ortypethissecretintoitbyhand:" + seed);

        assertThat(screen)
                .containsPattern("(?m)^Summary$")
                .containsPattern("(?m)^  Root user MFA +risk accepted$")
                .containsPattern("(?m)^  Account alias +done$")
                .containsPattern("(?m)^  Verification +done$")
                .containsPattern("(?m)^  \\d+ change\\(s\\) made in AWS\\.$");
        assertThat(SGR_COLOUR.matcher(terminal.screenWithAttributes()).find())
                .as("colour at the terminal")
                .isTrue();

        assertThat(screen).as("the password on screen").doesNotContain(E2eFiles.PASSWORD);
        for (Path root : List.of(home, work)) {
            for (String file : E2eFiles.filesUnder(root)) {
                assertThat(Files.readString(root.resolve(file), StandardCharsets.ISO_8859_1))
                        .as("the password in %s", file)
                        .doesNotContain(E2eFiles.PASSWORD);
            }
        }
        assertThat(E2eFiles.stepStatuses(E2eFiles.resumeFile(home)).values())
                .hasSize(14)
                .allMatch(status -> status.equals("DONE") || status.equals("RISK_ACCEPTED"));
    }

    @Test
    void noColourWithNoColorSet(MotoServer moto, TestInfo test) {
        name(test);
        Path answers = E2eFiles.answers(work, ALL_BUT_ALIAS);
        Map<String, String> environment = environment(moto);
        environment.put(E2eFiles.PASSWORD_VARIABLE, E2eFiles.PASSWORD);
        environment.put("NO_COLOR", "1");
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            TmuxTerminal terminal = start(environment, args(answers, proxy));
            new Typist(terminal).answer("Account alias:", "acme-data");
            assertThat(terminal.awaitExit(RUN)).as(terminal.screen()).isZero();

            String shown = terminal.screenWithAttributes();
            assertThat(shown).contains("[1/14] Caller and home region").contains("✓ Done.");
            assertThat(SGR.matcher(shown).results().map(MatchResult::group).distinct())
                    .as("escape sequences with NO_COLOR=1")
                    .isEmpty();
        }
    }

    /**
     * Colour follows standard error, where the messages go: with the JSON report redirected to a
     * file, the terminal still shows colour (System.console() would have said there is none).
     */
    @Test
    void colourWhenOnlyStandardErrorIsTheTerminal(MotoServer moto, TestInfo test)
            throws IOException {
        name(test);
        Path answers = E2eFiles.answers(work, E2eFiles.ANSWERS);
        Map<String, String> environment = environment(moto);
        environment.put(E2eFiles.PASSWORD_VARIABLE, E2eFiles.PASSWORD);
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            String[] args = args(answers, proxy, "--output", "json", "--non-interactive");
            TmuxTerminal terminal =
                    TmuxTerminal.start(work, environment, work.resolve("out.json"), args);
            terminals.add(terminal);
            assertThat(terminal.awaitExit(RUN)).as(terminal.screen()).isZero();

            assertThat(SGR_COLOUR.matcher(terminal.screenWithAttributes()).find())
                    .as("colour on standard error, with standard output in a file")
                    .isTrue();
            JsonNode report =
                    E2eFiles.singleJsonDocument(Files.readString(work.resolve("out.json")));
            assertThat(report.isObject()).isTrue();
            assertThat(Files.readString(work.resolve("out.json"))).doesNotContain("\u001b[");
        }
    }

    @Test
    void ctrlCAtAPromptStopsAndTheNextRunResumes(MotoServer moto, TestInfo test) {
        name(test);
        Path answers = E2eFiles.answers(work, ALL_BUT_ALIAS);
        Map<String, String> environment = environment(moto);
        environment.put(E2eFiles.PASSWORD_VARIABLE, E2eFiles.PASSWORD);
        Path resumeFile = E2eFiles.resumeFile(home);
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            TmuxTerminal first = start(environment, args(answers, proxy));
            new Typist(first).await("Account alias:");
            first.interrupt();
            int exit = first.awaitExit(RUN);
            String screen = first.screen();
            assertThat(exit).as(screen).isEqualTo(130);
            assertThat(lines(screen, "Interrupted"))
                    .as(screen)
                    .containsExactly("Error: Interrupted: run aws-bootstrap again to resume.");

            JsonNode state = E2eFiles.readJson(resumeFile);
            assertThat(state.path("answers").path("homeRegion").asText()).isEqualTo("eu-west-2");
            assertThat(state.path("answers").path("rootMfa").asText()).isEqualTo("accept-risk");
            assertThat(state.path("answers").has("accountAlias")).isFalse();
            assertThat(E2eFiles.stepStatuses(resumeFile))
                    .containsEntry("caller", "DONE")
                    .containsEntry("root-mfa", "RISK_ACCEPTED")
                    .doesNotContainEntry("account-alias", "DONE");
            int mutations = proxy.mutationCount();
            assertThat(mutations).as("nothing changed before the alias").isZero();

            TmuxTerminal second = start(environment, args(answers, proxy));
            new Typist(second).answer("Account alias:", "acme-data");
            assertThat(second.awaitExit(RUN)).as(second.screen()).isZero();
            assertThat(E2eFiles.stepStatuses(resumeFile))
                    .hasSize(14)
                    .containsEntry("account-alias", "DONE")
                    .containsEntry("verify", "DONE");
            assertThat(E2eFiles.readJson(resumeFile).path("createdAt"))
                    .as("the same resume file, carried on")
                    .isEqualTo(state.path("createdAt"));
        }
    }

    @Test
    void ctrlCWhileWaitingForIamAtATerminalStopsAndTheNextRunResumes(
            MotoServer moto, TestInfo test) {
        name(test);
        Path answers = E2eFiles.answers(work, ALL_BUT_ALIAS);
        Map<String, String> environment = environment(moto);
        environment.put(E2eFiles.PASSWORD_VARIABLE, E2eFiles.PASSWORD);
        Path resumeFile = E2eFiles.resumeFile(home);
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            // STS refuses the new roles for now, as it does until IAM's changes reach it.
            proxy.faultEveryAttempt("AssumeRole", Fault.error("AccessDenied", 403));
            TmuxTerminal first = start(environment, args(answers, proxy));
            // Typing the alias opens the terminal first: Ctrl-C must still be heard afterwards.
            Typist typist = new Typist(first);
            typist.answer("Account alias:", "acme-data");
            typist.await("Waiting for IAM to apply the changes");
            first.interrupt();
            int exit = first.awaitExit(RUN);
            String screen = first.screen();
            assertThat(exit).as(screen).isEqualTo(130);
            assertThat(lines(screen, "Interrupted"))
                    .as(screen)
                    .containsExactly("Error: Interrupted: run aws-bootstrap again to resume.");
            assertThat(E2eFiles.stepStatuses(resumeFile))
                    .containsEntry("cli-config", "DONE")
                    .doesNotContainEntry("verify", "DONE");

            proxy.clearFaults();
            TmuxTerminal second = start(environment, args(answers, proxy));
            assertThat(second.awaitExit(RUN)).as(second.screen()).isZero();
            assertThat(E2eFiles.stepStatuses(resumeFile)).containsEntry("verify", "DONE");
        }
    }

    private void name(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
    }

    private TmuxTerminal start(Map<String, String> environment, String... args) {
        TmuxTerminal terminal = TmuxTerminal.start(work, environment, null, args);
        terminals.add(terminal);
        return terminal;
    }

    /** Fake credentials, HOME a temporary directory, and no console password variable. */
    private Map<String, String> environment(MotoServer moto) {
        Map<String, String> environment = new LinkedHashMap<>(E2eFiles.credentials(moto, home));
        environment.remove(E2eFiles.PASSWORD_VARIABLE);
        environment.put("HOME", home.toString());
        return environment;
    }

    private static String[] args(Path answers, MutationProxy proxy, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--answers",
                                answers.toString(),
                                "--endpoint-url",
                                proxy.endpoint().toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static List<String> lines(String screen, String text) {
        return screen.lines().filter(line -> line.contains(text)).toList();
    }

    /** The MFA seed as the app shows it: IAM sends it base64-encoded. */
    private static String seed(MutationProxy proxy) {
        List<String> replies = proxy.replies("CreateVirtualMFADevice");
        assertThat(replies).hasSize(1);
        Matcher seed =
                Pattern.compile("<Base32StringSeed>([^<]+)</Base32StringSeed>")
                        .matcher(replies.get(0));
        assertThat(seed.find()).isTrue();
        return new String(Base64.getDecoder().decode(seed.group(1)), StandardCharsets.US_ASCII);
    }

    /**
     * Reads the QR code off the captured screen as a camera would off a dark terminal: the longest
     * run of lines made only of half blocks, each split back into its two module rows.
     */
    private static String decodeQrCode(String screen) throws Exception {
        List<String> drawing = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : screen.lines().toList()) {
            String cells = line.startsWith("  ") ? line.substring(2) : line;
            if (cells.length() >= 21 && cells.matches("[█▀▄ ]+")) {
                current.add(cells);
            } else {
                current = new ArrayList<>();
            }
            if (current.size() > drawing.size()) {
                drawing = current;
            }
        }
        assertThat(drawing)
                .as("a QR code drawn in half blocks:%n%s", screen)
                .hasSizeGreaterThan(10);
        int scale = 4;
        int margin = 6;
        int width = drawing.get(0).length() + 2 * margin;
        int height = drawing.size() * 2 + 2 * margin;
        int[] pixels = new int[width * scale * height * scale];
        for (int py = 0; py < height * scale; py++) {
            for (int px = 0; px < width * scale; px++) {
                int x = px / scale - margin;
                int y = py / scale - margin;
                boolean light = false;
                if (y >= 0 && y < drawing.size() * 2 && x >= 0 && x < drawing.get(0).length()) {
                    char c = drawing.get(y / 2).charAt(x);
                    // On a dark terminal the ink is the light part of the code.
                    light = y % 2 == 0 ? c == '█' || c == '▀' : c == '█' || c == '▄';
                }
                pixels[py * width * scale + px] = light ? 0xFFFFFF : 0x000000;
            }
        }
        RGBLuminanceSource source = new RGBLuminanceSource(width * scale, height * scale, pixels);
        return new QRCodeReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(source)),
                        Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                .getText();
    }

    /** Waits for each question before typing its answer, counting questions asked again. */
    private static final class Typist {
        private final TmuxTerminal terminal;
        private final Map<String, Integer> seen = new HashMap<>();

        Typist(TmuxTerminal terminal) {
            this.terminal = terminal;
        }

        void await(String prompt) {
            int occurrence = seen.merge(prompt, 1, Integer::sum);
            terminal.await(prompt, occurrence);
        }

        void answer(String prompt, String text) {
            await(prompt);
            terminal.type(text);
        }
    }
}
