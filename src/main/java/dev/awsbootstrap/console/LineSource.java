package dev.awsbootstrap.console;

/** Where typed answers come from: a terminal, piped input, or nothing at all. */
public interface LineSource {
    /**
     * Shows the prompt and reads one line.
     *
     * @return the line, or null when the input has ended
     */
    String readLine(String prompt);

    /** Reads a line without echoing it; only called when {@link #canReadSecret()} is true. */
    String readSecret(String prompt);

    boolean canRead();

    boolean canReadSecret();
}
