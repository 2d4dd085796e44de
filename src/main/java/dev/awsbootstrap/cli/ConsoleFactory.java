package dev.awsbootstrap.cli;

import dev.awsbootstrap.console.LineSource;
import dev.awsbootstrap.console.NoInput;
import dev.awsbootstrap.console.StreamLineSource;
import dev.awsbootstrap.console.Style;
import dev.awsbootstrap.console.TerminalLineSource;
import dev.awsbootstrap.console.TextConsole;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Builds the one console of a run from the options and what the process is attached to. */
final class ConsoleFactory {
    private ConsoleFactory() {}

    static TextConsole create(Main.Streams streams, CommonOptions options, boolean nonInteractive) {
        boolean colour =
                colour(options.noColor, streams.environment(), TerminalLineSource::errorIsTerminal);
        return new TextConsole(
                streams.out(),
                streams.err(),
                input(streams, nonInteractive),
                new Style(colour),
                options.quiet);
    }

    /**
     * Whether messages are coloured. They go to standard error, so colour follows whether that is a
     * terminal, whatever standard input and output are (a run with {@code --output json > file}
     * still shows colour). It is off with {@code --no-color}, with {@code NO_COLOR} set to any
     * value, and with {@code TERM=dumb}; then the terminal is not even looked at.
     */
    static boolean colour(
            boolean noColorOption,
            Map<String, String> environment,
            BooleanSupplier errorIsTerminal) {
        if (noColorOption || environment.containsKey("NO_COLOR")) {
            return false;
        }
        if ("dumb".equals(environment.get("TERM"))) {
            return false;
        }
        return errorIsTerminal.getAsBoolean();
    }

    private static LineSource input(Main.Streams streams, boolean nonInteractive) {
        if (nonInteractive) {
            return new NoInput();
        }
        if (TerminalLineSource.available()) {
            return new TerminalLineSource();
        }
        return new StreamLineSource(
                new BufferedReader(new InputStreamReader(streams.in(), StandardCharsets.UTF_8)),
                streams.err());
    }

    /** Sets up SLF4J's simple logger before the first logger exists: debug with --verbose. */
    static void configureLogging(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        // The SDK's own debug output includes wire-level details; it stays at info unless a
        // developer asks for it with -Dorg.slf4j.simpleLogger.log.software.amazon.awssdk=debug.
        System.setProperty(
                "org.slf4j.simpleLogger.log.software.amazon.awssdk",
                System.getProperty(
                        "org.slf4j.simpleLogger.log.software.amazon.awssdk",
                        verbose ? "info" : "warn"));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }
}
