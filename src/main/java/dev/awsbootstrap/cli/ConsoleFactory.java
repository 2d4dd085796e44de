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

/** Builds the one console of a run from the options and what the process is attached to. */
final class ConsoleFactory {
    private ConsoleFactory() {}

    static TextConsole create(Main.Streams streams, CommonOptions options, boolean nonInteractive) {
        boolean colour =
                System.console() != null
                        && !options.noColor
                        && streams.environment().get("NO_COLOR") == null;
        return new TextConsole(
                streams.out(),
                streams.err(),
                input(streams, nonInteractive),
                new Style(colour),
                options.quiet);
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
