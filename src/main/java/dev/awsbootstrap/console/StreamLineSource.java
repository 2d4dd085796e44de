package dev.awsbootstrap.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Answers read from piped input, one per line. Secrets are never read this way: without a terminal
 * they could not be hidden.
 */
public final class StreamLineSource implements LineSource {
    private final BufferedReader reader;
    private final PrintStream promptStream;

    public StreamLineSource(BufferedReader reader, PrintStream promptStream) {
        this.reader = reader;
        this.promptStream = promptStream;
    }

    @Override
    public String readLine(String prompt) {
        promptStream.print(prompt);
        promptStream.flush();
        try {
            String line = reader.readLine();
            promptStream.println();
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String readSecret(String prompt) {
        throw new IllegalStateException("Secrets are only read from a terminal.");
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public boolean canReadSecret() {
        return false;
    }
}
