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

    public TextConsole console() {
        return console;
    }

    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
