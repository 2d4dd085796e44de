package dev.awsbootstrap.console;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the operator sees and types: progress and messages on the error stream, results on the
 * output stream, and questions. No other class writes to the terminal.
 */
public interface Console {
    /** A step's header, such as {@code [2/4] Account alias}. */
    void header(String text);

    /** Progress and findings; hidden by {@code --quiet}. */
    void info(String text);

    /** Something that went as wished; hidden by {@code --quiet}. */
    void success(String text);

    /** Something the operator should know even with {@code --quiet}. */
    void warn(String text);

    /** A failure; always shown. */
    void error(String text);

    /** A failure's stack trace, for developers: the caller shows it only with --verbose. */
    void trace(Throwable failure);

    /** The result of the run on the output stream: the plan, the summary, JSON. */
    void result(String text);

    /** Whether questions can be answered: false when nothing can be typed. */
    boolean canAsk();

    /** Whether a secret can be typed without showing it: only on a real terminal. */
    boolean canAskSecret();

    /**
     * Asks until the answer passes {@code rule}, showing the broken rule each time.
     *
     * @param defaultValue given when the operator just presses Enter; may be null
     * @param rule returns the broken rule, or empty when the answer is fine
     */
    String ask(String question, String defaultValue, Function<String, Optional<String>> rule);

    /**
     * Asks for one of {@code choices}; Enter gives {@code defaultKey}.
     *
     * @param other accepts an answer that is not listed when it returns empty; null when only the
     *     listed choices are accepted
     */
    String choose(
            String question,
            List<Choice> choices,
            String defaultKey,
            Function<String, Optional<String>> other);

    /** Asks yes or no. */
    boolean confirm(String question, boolean defaultAnswer);

    /** Asks for a secret without echoing it. */
    String askSecret(String question);

    /**
     * Shows a secret, such as a generated password or an MFA seed, at the terminal only: never on
     * redirected output and never in a log. Only called when {@link #canAskSecret()} is true.
     */
    void showSecret(List<String> lines);

    /** One answer of a {@link #choose} question: what to type, and what it means. */
    record Choice(String key, String description) {}
}
