package dev.awsbootstrap.testing;

import dev.awsbootstrap.console.LineSource;
import dev.awsbootstrap.console.NoInput;
import dev.awsbootstrap.console.StreamLineSource;
import dev.awsbootstrap.console.Style;
import dev.awsbootstrap.console.TextConsole;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A real {@link TextConsole} whose input is scripted and whose output is captured. */
public final class TestConsole {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final TextConsole console;

    private TestConsole(LineSource input) {
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        LineSource source = input != null ? input : new NoInput();
        this.console =
                new TextConsole(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        errStream,
                        source,
                        new Style(false),
                        false);
    }

    /** A console on which nothing can be typed, as with {@code --non-interactive}. */
    public static TestConsole nonInteractive() {
        return new TestConsole(null);
    }

    /** A console that answers each question with the next of {@code lines}. */
    public static TestConsole typing(String... lines) {
        String script = lines.length == 0 ? "" : String.join("\n", lines) + "\n";
        ByteArrayOutputStream prompts = new ByteArrayOutputStream();
        return new TestConsole(
                new StreamLineSource(
                        new BufferedReader(new StringReader(script)),
                        new PrintStream(prompts, true, StandardCharsets.UTF_8)));
    }

    /**
     * A console at a terminal: it can show and read secrets. Each question, secret or not, is
     * answered with the next of {@code lines}.
     */
    public static TestConsole atTerminal(String... lines) {
        return new TestConsole(new ScriptedTerminal(List.of(lines)));
    }

    public TextConsole console() {
        return console;
    }

    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A terminal whose operator types a script; the end of the script is Ctrl-D. */
    private static final class ScriptedTerminal implements LineSource {
        private final Deque<String> lines;

        ScriptedTerminal(List<String> lines) {
            this.lines = new ArrayDeque<>(lines);
        }

        @Override
        public String readLine(String prompt) {
            return lines.poll();
        }

        @Override
        public String readSecret(String prompt) {
            return lines.poll();
        }

        @Override
        public boolean canRead() {
            return true;
        }

        @Override
        public boolean canReadSecret() {
            return true;
        }
    }
}
