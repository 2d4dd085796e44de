package dev.awsbootstrap.wizard;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.console.Console.Choice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the answer to a question: from the answers file, else from the resume file of an earlier
 * run, else from the operator. A dry run never asks: it takes the default or a placeholder, and
 * keeps to it when a later step asks the same. A run that cannot ask fails naming the missing
 * answer.
 */
public final class Prompter {
    private final Console console;
    private final ResumeSession session;
    private final boolean dryRun;

    /** What a dry run took in place of an answer, so that each question gets one answer. */
    private final Map<String, String> assumed = new HashMap<>();

    Prompter(Console console, ResumeSession session, boolean dryRun) {
        this.console = console;
        this.session = session;
        this.dryRun = dryRun;
    }

    /**
     * A free-text answer.
     *
     * @param key the answers-file key, such as {@code accountAlias}
     * @param given the value from the answers file, already checked, or null
     * @param why one line on why the question matters, shown before it
     */
    public String text(
            String key,
            String given,
            String question,
            String why,
            String defaultValue,
            Function<String, Optional<String>> rule) {
        Optional<String> known = known(key, given);
        if (known.isPresent()) {
            return known.get();
        }
        if (dryRun) {
            return assume(key, defaultValue != null ? defaultValue : "<" + key + ">");
        }
        requireInput(key, question);
        console.info(why);
        return record(key, console.ask(question, defaultValue, rule));
    }

    /** One of a short list of choices, or another answer that {@code other} accepts. */
    public String choice(
            String key,
            String given,
            String question,
            String why,
            List<Choice> choices,
            String defaultKey,
            Function<String, Optional<String>> other) {
        Optional<String> known = known(key, given);
        if (known.isPresent()) {
            return known.get();
        }
        if (dryRun) {
            return assume(key, defaultKey);
        }
        requireInput(key, question);
        console.info(why);
        return record(key, console.choose(question, choices, defaultKey, other));
    }

    /** Yes or no. */
    public boolean yesNo(String key, Boolean given, String question, String why, boolean fallback) {
        Optional<String> known = known(key, given == null ? null : given.toString());
        if (known.isPresent()) {
            return Boolean.parseBoolean(known.get());
        }
        if (dryRun) {
            return Boolean.parseBoolean(assume(key, Boolean.toString(fallback)));
        }
        requireInput(key, question);
        console.info(why);
        boolean answer = console.confirm(question, fallback);
        record(key, Boolean.toString(answer));
        return answer;
    }

    /**
     * A secret, typed without echo. It is never recorded, and never read without a terminal: then
     * the run fails with exit 2 saying how to give it instead.
     *
     * @param instead how to provide the secret without a prompt, such as {@code set
     *     user.consolePasswordEnv in the answers file}
     * @return the secret, or {@code ****} in a dry run, which never asks
     */
    public String secret(String question, String instead) {
        if (dryRun) {
            return "****";
        }
        if (!console.canAskSecret()) {
            throw BootstrapException.badInput(
                    "Cannot ask for the "
                            + question
                            + " without a terminal, where it could not"
                            + " be hidden: "
                            + instead
                            + ".");
        }
        return console.askSecret(question);
    }

    /** Fails with exit 2 naming {@code key} when nobody can answer. */
    public void requireInput(String key, String question) {
        if (!console.canAsk()) {
            throw BootstrapException.badInput(
                    "Missing answer "
                            + key
                            + " ("
                            + question
                            + "): add "
                            + key
                            + " to the answers file, or run without --non-interactive.");
        }
    }

    private Optional<String> known(String key, String given) {
        if (given != null) {
            return Optional.of(record(key, given));
        }
        if (session.bound()) {
            return session.state().answer(key);
        }
        return Optional.empty();
    }

    private String assume(String key, String value) {
        return assumed.computeIfAbsent(key, k -> value);
    }

    private String record(String key, String value) {
        if (session.bound() && !dryRun) {
            Optional<String> saved = session.state().answer(key);
            if (saved.isEmpty() || !saved.get().equals(value)) {
                session.recordAnswer(key, value);
            }
        }
        return value;
    }
}
